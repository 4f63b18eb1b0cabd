#!/bin/sh
# Starts the Incus host: unmasked /proc and /sys, loop device nodes for a btrfs pool on a loop file,
# lxcfs, then incusd. "provision-incus-host ready" in the log means the daemon answers.
set -eu
# Docker masks and write-protects parts of /proc and /sys when the container is not privileged. The
# kernel lets an unprivileged instance mount its own proc and sysfs only when no such overmount hides
# anything and /sys is writable, so undo them here (the same as `--security-opt systempaths=unconfined`,
# which the Docker API does not take).
awk '$5 ~ "^/proc/" || $5 == "/sys/firmware" {print $5}' /proc/self/mountinfo | sort -r | while read -r path; do
  umount -l "$path" 2>/dev/null || echo "provision-incus-host: cannot unmount $path" >&2
done
mount -o remount,rw /sys 2>/dev/null || echo "provision-incus-host: /sys stays read-only" >&2
i=0; while [ "$i" -lt 64 ]; do
  [ -e "/dev/loop$i" ] || mknod -m 0660 "/dev/loop$i" b 7 "$i" 2>/dev/null || true
  i=$((i + 1))
done
mkdir -p /var/lib/lxcfs
if [ -e /dev/fuse ]; then
  lxcfs /var/lib/lxcfs >/var/log/lxcfs.log 2>&1 &
fi
/usr/libexec/incus/incusd --group incus-admin --logfile /var/log/incusd.log &
daemon=$!
incus admin waitready --timeout 60
echo "provision-incus-host ready"
wait "$daemon"
