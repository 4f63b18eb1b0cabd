#!/usr/bin/env bash
# The hand-written floor for a cold build of the event store on a local LXC host: create the
# container from the template cache, limit it, start it, install PostgreSQL, configure, restart,
# create the roles and the database, load the schema. Arguments: the container name, the repo root.
set -euo pipefail
n=$1; root=$2
lxc-create -n "$n" -t debian -- -r bookworm >/dev/null 2>&1
printf 'lxc.cgroup.memory.limit_in_bytes = 2147483648\nlxc.start.auto = 1\n' >> "/var/lib/lxc/$n/config"
lxc-start -n "$n"
until lxc-info -n "$n" -iH | grep -q .; do sleep 0.25; done
lxc-attach -n "$n" -- sh -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends postgresql-15 locales >/dev/null'
lxc-attach -n "$n" -- sh -c "printf \"listen_addresses = '*'\nshared_buffers = 512MB\nwal_buffers = 16MB\nmax_wal_size = 4GB\n\" >> /etc/postgresql/15/main/postgresql.conf && pg_ctlcluster 15 main restart"
{
  echo "CREATE ROLE stock_analysis_owner; CREATE ROLE stock_analysis_user LOGIN PASSWORD 'floor';"
  echo "CREATE DATABASE stock_analysis_event_store OWNER stock_analysis_owner ENCODING 'UTF8' LC_COLLATE 'en_US.UTF-8' LC_CTYPE 'en_US.UTF-8' TEMPLATE template0;"
  echo "\\c stock_analysis_event_store"
  echo "CREATE SCHEMA event_store AUTHORIZATION stock_analysis_owner; CREATE SCHEMA projections AUTHORIZATION stock_analysis_owner;"
  echo "SET ROLE stock_analysis_owner;"
  cat "$root/schema/event_store.sql" "$root/schema/projections.sql"
} | lxc-attach -n "$n" -- sh -c 'cd / && runuser -u postgres -- psql -XAtq -v ON_ERROR_STOP=1 >/dev/null'
