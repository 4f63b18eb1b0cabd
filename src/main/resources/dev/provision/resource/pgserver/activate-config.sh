# Puts staged configuration files in place and makes the server use them, without ever leaving it
# unable to start: the new files are checked first (postgres -C parses postgresql.conf as a start
# would, pg_hba_file_rules checks pg_hba.conf when the server runs); on any error the previous files are put back and the
# server keeps running on them. Runs inside the container.
# Arguments: version, cluster, mode (reload|restart|start).
v=$1; c=$2; mode=$3
conf=/etc/postgresql/$v/$c
data=/var/lib/postgresql/$v/$c
unit=postgresql@$v-$c
psql_() { runuser -u postgres -- psql --cluster "$v/$c" -XAtq -v ON_ERROR_STOP=1 "$@"; }
# The postmaster's PID and status lines of postmaster.pid ("ready" once it accepts connections: what
# pg_ctl -w waits for); empty when there is no file.
pm() {
  pm_pid=; pm_status=
  { read -r pm_pid; read -r _; read -r _; read -r _; read -r _; read -r _; read -r _; read -r pm_status; } 2>/dev/null <"$data/postmaster.pid"
}
# Starts the server through systemd, as Debian's own start does, so that systemd knows it runs and
# stops it at shutdown; but waits for the server itself (postmaster.pid says "ready") rather than for
# pg_ctlcluster's startup checks, three connections half a second apart that add 2 to 3 s to every
# start. The unit finishes activating on its own a moment later. Without systemd: pg_ctlcluster.
start_() {
  if [ ! -d /run/systemd/system ]; then pg_ctlcluster "$v" "$c" start; return; fi
  systemctl start --no-block "$unit" || return 1
  i=0
  while [ "$i" -lt 1200 ]; do
    pm
    if [ "$pm_status" = ready ] && kill -0 "$pm_pid" 2>/dev/null; then return 0; fi
    # Failed, or inactive with no job left for it (its start gave up): no use waiting. Inactive with a
    # start job queued (a container still booting) is waited for.
    st=$(systemctl show -p ActiveState -p Job "$unit")
    case "$st" in *ActiveState=failed*) break ;; esac
    case "
$st
" in *"
ActiveState=inactive
"*"
Job=
"*|*"
Job=
"*"
ActiveState=inactive
"*) [ "$i" -gt 20 ] && break ;; esac
    sleep 0.05; i=$((i + 1))
  done
  echo "the server did not start; its log:" >&2
  tail -n 20 "/var/log/postgresql/postgresql-$v-$c.log" >&2 2>/dev/null
  return 1
}
stop_() {
  if [ ! -d /run/systemd/system ]; then pg_ctlcluster "$v" "$c" stop; return; fi
  systemctl stop "$unit"
}
online() { pm; [ -n "$pm_pid" ] && kill -0 "$pm_pid" 2>/dev/null; }
# A server started by hand, outside systemd, survives the unit's stop: it is stopped as pg_ctlcluster would.
restart_() {
  stop_ || return 1
  if online; then pg_ctlcluster --skip-systemctl-redirect "$v" "$c" stop -m fast || return 1; fi
  start_
}
for f in postgresql.conf pg_hba.conf; do
  if [ -f "$conf/$f.provision-new" ]; then
    cp -p "$conf/$f" "$conf/$f.provision-previous" 2>/dev/null
    chown postgres:postgres "$conf/$f.provision-new"; chmod 0644 "$conf/$f.provision-new"
    [ "$f" = pg_hba.conf ] && chmod 0640 "$conf/$f.provision-new"
    mv -f "$conf/$f.provision-new" "$conf/$f"
  fi
done
restore() {
  for f in postgresql.conf pg_hba.conf; do
    [ -f "$conf/$f.provision-previous" ] && mv -f "$conf/$f.provision-previous" "$conf/$f"
  done
}
cd / || exit 1
errors=
if ! out=$(runuser -u postgres -- "/usr/lib/postgresql/$v/bin/postgres" -D "/var/lib/postgresql/$v/$c" \
             -c "config_file=$conf/postgresql.conf" -C data_directory 2>&1); then
  errors=$out
fi
if [ -z "$errors" ] && online; then
  errors=$(psql_ -F ":" -c "select 'pg_hba.conf line ' || line_number, error from pg_hba_file_rules where error is not null" 2>&1)
fi
if [ -n "$errors" ]; then
  restore
  echo "the new configuration was rejected by PostgreSQL; the previous files were put back and the server keeps running on them:" >&2
  echo "$errors" >&2
  exit 1
fi
case "$mode" in
  reload)
    pg_ctlcluster "$v" "$c" reload || exit 1
    # A parameter the reload could not apply is pending until a restart.
    sleep 0.2
    pending=$(psql_ -c "select string_agg(name, ', ') from pg_settings where pending_restart")
    if [ -n "$pending" ]; then
      restart_ || exit 1
    fi ;;
  restart) restart_ || { restore; start_; echo "the server did not restart with the new configuration; the previous files were put back" >&2; exit 1; } ;;
  start) start_ || exit 1 ;;
esac
rm -f "$conf/postgresql.conf.provision-previous" "$conf/pg_hba.conf.provision-previous"
