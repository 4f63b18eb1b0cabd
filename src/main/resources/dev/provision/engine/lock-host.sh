# Takes provision's lock on this host, or says who holds it. Arguments: acquire|release|force, owner.
# The lock is a directory (mkdir is atomic); its owner file says which run holds it.
d=/var/lib/provision/lock
case "$1" in
  acquire)
    mkdir -p /var/lib/provision || exit 1
    if mkdir "$d" 2>/dev/null; then printf '%s\n' "$2" > "$d/owner"; exit 0; fi
    owner=$(cat "$d/owner" 2>/dev/null || echo unknown)
    age=$(( $(date +%s) - $(stat -c %Y "$d" 2>/dev/null || date +%s) ))
    printf '%s\n%s\n' "$owner" "$age"
    exit 75 ;;
  release)
    if [ "$(cat "$d/owner" 2>/dev/null)" = "$2" ]; then rm -rf "$d"; fi ;;
  force)
    if [ -d "$d" ]; then cat "$d/owner" 2>/dev/null; rm -rf "$d"; fi ;;
esac
