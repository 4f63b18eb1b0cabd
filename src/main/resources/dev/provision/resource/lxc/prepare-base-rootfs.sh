# Readies a new base's root filesystem before its first start: PostgreSQL packages will install no
# cluster (each clone creates its own, with its own system identifier), and every clone generates its
# own SSH host keys at first boot, before sshd starts. Runs on the LXC host.
# Refuses to write through symbolic links. Arguments: the base's root filesystem.
root=$1
for p in "$root/etc" "$root/etc/postgresql-common" "$root/etc/postgresql-common/createcluster.d" \
         "$root/etc/systemd" "$root/etc/systemd/system" "$root/etc/systemd/system/multi-user.target.wants"; do
  if [ -L "$p" ]; then echo "$p is a symbolic link; refusing to write through it" >&2; exit 1; fi
done
mkdir -p "$root/etc/postgresql-common/createcluster.d" "$root/etc/systemd/system/multi-user.target.wants" || exit 1
printf '# provision base: clusters are created in each clone, never here\ncreate_main_cluster = false\n' \
  > "$root/etc/postgresql-common/createcluster.d/provision-base.conf" || exit 1
cat > "$root/etc/systemd/system/provision-ssh-host-keys.service" <<'UNIT' || exit 1
[Unit]
Description=SSH host keys of this container (clones of a provision base share none)
Before=ssh.service
ConditionPathExists=!/etc/ssh/ssh_host_ed25519_key

[Service]
Type=oneshot
ExecStart=/usr/bin/ssh-keygen -A

[Install]
WantedBy=multi-user.target
UNIT
ln -sfn ../provision-ssh-host-keys.service "$root/etc/systemd/system/multi-user.target.wants/provision-ssh-host-keys.service"
