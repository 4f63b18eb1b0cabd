# Corrects the security source that the LXC debian template wrote into a new container's
# /etc/apt/sources.list. The template asks debian-distro-info for the release's number and writes
# RELEASE/updates when it cannot tell (distro-info missing, or older than the release); only buster
# and earlier have that layout, later releases have RELEASE-security. Idempotent.
# Refuses to write through symbolic links. Argument: the container's root filesystem.
root=$1
list="$root/etc/apt/sources.list"
for p in "$root/etc" "$root/etc/apt" "$list"; do
  if [ -L "$p" ]; then echo "$p is a symbolic link; refusing to write through it" >&2; exit 1; fi
done
[ -f "$list" ] || exit 0
if grep -Eq ' [a-z]+/updates ' "$list" && ! grep -Eq ' (wheezy|jessie|stretch|buster)/updates ' "$list"; then
  sed -i -E 's# ([a-z]+)/updates # \1-security #' "$list" || exit 1
  echo "rewrote the security source in $list to RELEASE-security" >&2
fi
exit 0
