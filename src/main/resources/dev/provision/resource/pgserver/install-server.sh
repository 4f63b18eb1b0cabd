# Installs a PostgreSQL major version, its cluster and the locales tools in a container, unless already
# there, and finishes an install that was cut short. Runs inside the container.
# Arguments: PostgreSQL major version, cluster name, the container's name (for messages).
# A package run still going (one whose client lost its connection, an unattended upgrade) is waited
# for, and one that was interrupted is completed, before anything else; a package source that cannot
# be reached fails the index update, rather than surfacing later as "Unable to locate package".
v=$1; c=$2; n=$3
export DEBIAN_FRONTEND=noninteractive
complete() {
  [ -x "/usr/lib/postgresql/$v/bin/postgres" ] && command -v locale-gen >/dev/null 2>&1 \
    && [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "postgresql-$v" 2>/dev/null)" = "ii " ] \
    && [ -f "/etc/postgresql/$v/$c/postgresql.conf" ]
}
if complete; then
  echo "postgresql-$v already installed"; exit 0
fi
fail() {
  echo "provision: $1 in container $n." >&2
  echo "provision: check that it reaches its package sources (on its LXC host: lxc-attach -n $n -- apt-get update)" \
    "and that no other package run holds its dpkg lock, then run apply again." >&2
  exit 1
}
# dpkg takes the lock apt holds for a whole run, so this waits for a run still going, then configures
# whatever an interrupted one left unpacked (nothing, usually).
i=0
until out=$(dpkg --configure -a 2>&1); do
  i=$((i + 1))
  case "$out" in
    *lock*) [ "$i" -lt 60 ] || fail "dpkg stayed locked by another package run for 2 minutes ($out)"; sleep 2 ;;
    *) echo "$out" >&2; fail "dpkg could not finish an interrupted package run (dpkg --configure -a)" ;;
  esac
done
if complete; then
  echo "postgresql-$v: finished the install a previous run started"; exit 0
fi
apt-get update -q -o APT::Update::Error-Mode=any -o DPkg::Lock::Timeout=120 || fail "apt-get update failed"
apt-get install -y -q -o DPkg::Lock::Timeout=120 --no-install-recommends "postgresql-$v" locales ssl-cert \
  || fail "apt-get install postgresql-$v failed"
# The package makes its cluster only when it is first installed; one removed since is made again.
if [ ! -f "/etc/postgresql/$v/$c/postgresql.conf" ]; then
  pg_createcluster "$v" "$c" || fail "pg_createcluster $v $c failed"
fi
