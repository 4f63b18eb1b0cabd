#!/usr/bin/env bash
# The hand-written floor for a no-op check of one container's event store on a local LXC host:
# the fewest commands that still check the same things (container running, config files unchanged,
# one catalog query). Argument: the container name.
set -euo pipefail
n=$1
[ "$(lxc-info -n "$n" -sH)" = RUNNING ]
grep -q '^lxc.cgroup.memory.limit_in_bytes' "/var/lib/lxc/$n/config"
lxc-attach -n "$n" -- sh -c '
  sha256sum /etc/postgresql/15/main/postgresql.conf /etc/postgresql/15/main/pg_hba.conf >/dev/null
  cd / && runuser -u postgres -- /usr/lib/postgresql/15/bin/psql -h /var/run/postgresql -XAtq -d postgres \
    -c "select count(*) from pg_roles, pg_database" >/dev/null'
