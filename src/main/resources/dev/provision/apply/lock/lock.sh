# provision's locks on this host. Usage:
#   acquire OWNER SCOPE...   take every SCOPE for OWNER, or none: on a conflict print the holder
#                            (a record "lock SCOPE AGE-IN-SECONDS OWNER", see ProbeOutput) and exit 75
#   release OWNER SCOPE...   release the scopes OWNER holds
#   force SCOPE              remove SCOPE whoever holds it; print "owner OWNER"
#   list                     print every lock held, one "lock SCOPE AGE OWNER" record a line
# A scope is "host" (host-wide changes: host preparation, bridges, bases) or "container.NAME" (the
# changes of one container). Each lock is a directory (mkdir is atomic) whose owner file names the run.
d=$PROVISION_LOCKS
holder() {
  o=$(cat "$d/$1/owner" 2>/dev/null) || o=unknown
  t=$(stat -c %Y "$d/$1" 2>/dev/null) || t=$now
  printf 'lock %s %s %s\n' "$1" "$((now - t))" "$o"
}
valid() {
  case "$1" in host|container.*) ;; *) echo "invalid lock scope: $1" >&2; exit 2 ;; esac
  case "$1" in */*|*..*) echo "invalid lock scope: $1" >&2; exit 2 ;; esac
}
now=$(date +%s)
action=$1; shift
case "$action" in
  acquire)
    owner=$1; shift
    mkdir -p "$d" || exit 1
    taken=
    for s in "$@"; do
      valid "$s"
      if mkdir "$d/$s" 2>/dev/null; then
        printf '%s\n' "$owner" > "$d/$s/owner.$$" && mv "$d/$s/owner.$$" "$d/$s/owner" || exit 1
        taken="$taken $s"
      elif [ "$(cat "$d/$s/owner" 2>/dev/null)" != "$owner" ]; then
        # all or nothing: give back what this call took
        for t in $taken; do rm -rf "$d/$t"; done
        holder "$s"
        exit 75
      fi
    done ;;
  release)
    owner=$1; shift
    for s in "$@"; do
      valid "$s"
      if [ "$(cat "$d/$s/owner" 2>/dev/null)" = "$owner" ]; then rm -rf "$d/$s"; fi
    done ;;
  force)
    valid "$1"
    if [ -d "$d/$1" ]; then o=$(cat "$d/$1/owner" 2>/dev/null) || o=unknown; printf 'owner %s\n' "$o"; rm -rf "$d/$1"; fi ;;
  list)
    [ -d "$d" ] || exit 0
    for p in "$d"/*; do
      [ -d "$p" ] && holder "${p##*/}"
    done ;;
  *) echo "unknown action $action" >&2; exit 2 ;;
esac
exit 0
