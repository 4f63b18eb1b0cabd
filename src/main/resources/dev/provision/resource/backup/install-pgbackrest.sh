# Installs pgBackRest from the container's distribution unless present, and gives the repository's
# mount point and pgBackRest's own directories to postgres. Runs inside the container.
# Arguments: the container's name (for messages).
n=${1:-$(hostname)}
export DEBIAN_FRONTEND=noninteractive
fail() {
  echo "provision: $1 in container $n." >&2
  echo "provision: check that it reaches its package sources (on its LXC host: lxc-attach -n $n -- apt-get update)" \
    "and that no other package run holds its dpkg lock, then run apply again." >&2
  exit 1
}
if [ "$(dpkg-query -W -f='${db:Status-Abbrev}' pgbackrest 2>/dev/null)" != "ii " ]; then
  apt-get install -y -q -o DPkg::Lock::Timeout=120 --no-install-recommends pgbackrest >/dev/null 2>&1 || {
    apt-get update -q -o APT::Update::Error-Mode=any -o DPkg::Lock::Timeout=120 || fail "apt-get update failed"
    apt-get install -y -q -o DPkg::Lock::Timeout=120 --no-install-recommends pgbackrest || fail "apt-get install pgbackrest failed"
  }
fi
mkdir -p /etc/pgbackrest/conf.d /var/lib/pgbackrest /var/log/pgbackrest /var/spool/pgbackrest || exit 1
chown postgres:postgres /var/log/pgbackrest /var/spool/pgbackrest || exit 1
# a repository mounted read-only (a restore from another container's) keeps its owner
chown postgres:postgres /var/lib/pgbackrest 2>/dev/null || [ -r /var/lib/pgbackrest ] || exit 1
chmod 0750 /var/log/pgbackrest /var/spool/pgbackrest || exit 1
chmod 0750 /var/lib/pgbackrest 2>/dev/null || true
chmod 0755 /etc/pgbackrest /etc/pgbackrest/conf.d
