# Gives a stopped clone its own machine-id before its first start (SSH host keys come at first boot,
# its PostgreSQL cluster and TLS key as soon as it runs). Runs on the LXC host.
# Arguments: the directory the clone's root filesystem is written through (its overlay upper layer
# for a snapshot).
root=$1
for p in "$root/etc" "$root/etc/machine-id"; do
  if [ -L "$p" ]; then echo "$p is a symbolic link; refusing to write through it" >&2; exit 1; fi
done
mkdir -p "$root/etc" || exit 1
tr -d '-' < /proc/sys/kernel/random/uuid > "$root/etc/machine-id.provision-tmp" || exit 1
chmod 0444 "$root/etc/machine-id.provision-tmp" && mv -f "$root/etc/machine-id.provision-tmp" "$root/etc/machine-id"
