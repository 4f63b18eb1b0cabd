#!/bin/sh
# Starts the SSH host: fresh host keys for this container, then sshd in the foreground ("Server
# listening" in the log means it is ready). Docker mounts /proc/sys read-only without --privileged;
# a real machine has it writable, so it is made writable here (when the container may) and nothing
# else is prepared: starting LXC's bridge is provision's job.
set -eu
mount -o remount,rw /proc/sys 2>/dev/null || true
ssh-keygen -A >/dev/null
exec /usr/sbin/sshd -D -e
