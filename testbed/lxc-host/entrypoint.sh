#!/bin/sh
# Starts the LXC host: writable /proc/sys (Docker mounts it read-only without --privileged),
# fresh host keys for this container, the lxcbr0 bridge with DHCP and NAT, then sshd in the
# foreground. "Server listening" in the log means everything before it is ready.
set -eu
mount -o remount,rw /proc/sys 2>/dev/null || echo "provision-lxc-host: /proc/sys stays read-only" >&2
ssh-keygen -A >/dev/null
/usr/libexec/lxc/lxc-net start
ip link show lxcbr0 >/dev/null
exec /usr/sbin/sshd -D -e
