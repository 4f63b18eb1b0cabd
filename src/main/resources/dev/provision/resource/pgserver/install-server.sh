# Installs a PostgreSQL major version, its cluster and the locales tools in a container, unless already
# there; finishes an install that was cut short; creates the cluster when the packages are there
# without one (a clone of a provision base). Runs inside the container.
# Arguments: PostgreSQL major version, cluster name (none: no cluster, as for a base), the container's
# name (for messages; the host name when absent).
# A package run still going (one whose client lost its connection, an unattended upgrade) is waited
# for, and one that was interrupted is completed, before anything else; a package source that cannot
# be reached fails the index update, rather than surfacing later as "Unable to locate package".
v=$1; c=$2; n=${3:-$(hostname)}
export DEBIAN_FRONTEND=noninteractive
packages() {
  [ -x "/usr/lib/postgresql/$v/bin/postgres" ] && command -v locale-gen >/dev/null 2>&1 \
    && [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "postgresql-$v" 2>/dev/null)" = "ii " ]
}
cluster() {
  [ -z "$c" ] || [ -f "/etc/postgresql/$v/$c/postgresql.conf" ]
}
if packages && cluster; then
  echo "postgresql-$v already installed"; exit 0
fi
fail() {
  echo "provision: $1 in container $n." >&2
  echo "provision: check that it reaches its package sources (on its LXC host: lxc-attach -n $n -- apt-get update)" \
    "and that no other package run holds its dpkg lock, then run apply again." >&2
  exit 1
}
if ! packages; then
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
fi
if ! packages; then
  apt-get update -q -o APT::Update::Error-Mode=any -o DPkg::Lock::Timeout=120 || fail "apt-get update failed"
  apt-get install -y -q -o DPkg::Lock::Timeout=120 --no-install-recommends "postgresql-$v" locales ssl-cert \
    || fail "apt-get install postgresql-$v failed"
fi
# The package makes its cluster only when it is first installed (never in a base); one missing is made here.
if ! cluster; then
  # A clone runs this while it boots, and its boot empties /tmp: temporary files go elsewhere.
  TMPDIR=$(mktemp -d /var/tmp/provision-install.XXXXXX) || fail "cannot make a temporary directory in /var/tmp"
  export TMPDIR
  trap 'rm -rf "$TMPDIR"' EXIT
  # The TLS key the server uses by default is this container's own; it is made (an RSA key, most of
  # a second) while initdb runs.
  cert=
  if [ ! -f /etc/ssl/private/ssl-cert-snakeoil.key ]; then
    make-ssl-cert generate-default-snakeoil & cert=$!
  fi
  # initdb without its file-by-file fsync, then one syncfs of the filesystem: the same durability.
  cd / && pg_createcluster "$v" "$c" -- --no-sync || fail "pg_createcluster $v $c failed"
  if [ -n "$cert" ]; then wait "$cert" || fail "make-ssl-cert generate-default-snakeoil failed"; fi
  sync -f "/var/lib/postgresql/$v/$c" || fail "sync of the new cluster failed"
fi
