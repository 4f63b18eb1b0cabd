# Installs a PostgreSQL major version and the locales tools in a container, unless already there.
# Runs inside the container. Arguments: PostgreSQL major version, the container's name (for messages).
# apt waits a while for a dpkg lock held by another package run (one left by a run whose connection
# was lost, an unattended upgrade) instead of failing at once; a package source that cannot be
# reached fails the index update, rather than surfacing later as "Unable to locate package".
v=$1; n=$2
export DEBIAN_FRONTEND=noninteractive
if [ -x "/usr/lib/postgresql/$v/bin/postgres" ] && command -v locale-gen >/dev/null 2>&1; then
  echo "postgresql-$v already installed"; exit 0
fi
fail() {
  echo "provision: $1 in container $n." >&2
  echo "provision: check that it reaches its package sources (on its LXC host: lxc-attach -n $n -- apt-get update)" \
    "and that no other package run holds its dpkg lock, then run apply again." >&2
  exit 1
}
apt-get update -q -o APT::Update::Error-Mode=any -o DPkg::Lock::Timeout=120 || fail "apt-get update failed"
apt-get install -y -q -o DPkg::Lock::Timeout=120 --no-install-recommends "postgresql-$v" locales ssl-cert \
  || fail "apt-get install postgresql-$v failed"
