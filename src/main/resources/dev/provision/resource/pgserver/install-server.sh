# Installs a PostgreSQL major version and the locales tools in a container, unless already there.
# Runs inside the container. Arguments: PostgreSQL major version.
v=$1
export DEBIAN_FRONTEND=noninteractive
if [ -x "/usr/lib/postgresql/$v/bin/postgres" ] && command -v locale-gen >/dev/null 2>&1; then
  echo "postgresql-$v already installed"; exit 0
fi
apt-get update -q || exit 1
apt-get install -y -q --no-install-recommends "postgresql-$v" locales ssl-cert
