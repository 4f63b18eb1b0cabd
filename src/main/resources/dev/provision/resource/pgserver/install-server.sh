# Installs a PostgreSQL major version and the locales tools in a container, unless already there, and
# creates its cluster when the packages are there without one (a clone of a provision base).
# Runs inside the container. Arguments: PostgreSQL major version, cluster name (none: no cluster).
v=$1; c=$2
export DEBIAN_FRONTEND=noninteractive
if [ -x "/usr/lib/postgresql/$v/bin/postgres" ] && command -v locale-gen >/dev/null 2>&1; then
  echo "postgresql-$v already installed"
else
  apt-get update -q || exit 1
  apt-get install -y -q --no-install-recommends "postgresql-$v" locales ssl-cert || exit 1
fi
if [ -n "$c" ] && [ ! -f "/etc/postgresql/$v/$c/postgresql.conf" ]; then
  # The TLS key the server uses by default is this container's own.
  [ -f /etc/ssl/private/ssl-cert-snakeoil.key ] || make-ssl-cert generate-default-snakeoil || exit 1
  # initdb without its file-by-file fsync, then one syncfs of the filesystem: the same durability.
  cd / && pg_createcluster "$v" "$c" -- --no-sync || exit 1
  sync -f "/var/lib/postgresql/$v/$c" || exit 1
fi
