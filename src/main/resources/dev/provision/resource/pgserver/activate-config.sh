# Puts staged configuration files in place and makes the server use them, without ever leaving it
# unable to start: the new files are checked first (postgres -C parses postgresql.conf as a start
# would, pg_hba_file_rules checks pg_hba.conf when the server runs); on any error the previous files are put back and the
# server keeps running on them. Runs inside the container.
# Arguments: version, cluster, mode (reload|restart|start).
v=$1; c=$2; mode=$3
conf=/etc/postgresql/$v/$c
psql_() { runuser -u postgres -- psql --cluster "$v/$c" -XAtq -v ON_ERROR_STOP=1 "$@"; }
online() { pg_ctlcluster "$v" "$c" status >/dev/null 2>&1; }
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
  reload) pg_ctlcluster "$v" "$c" reload || exit 1 ;;
  restart) pg_ctlcluster "$v" "$c" restart || { restore; pg_ctlcluster "$v" "$c" start; echo "the server did not restart with the new configuration; the previous files were put back" >&2; exit 1; } ;;
  start) pg_ctlcluster "$v" "$c" start || exit 1 ;;
esac
sleep 0.2
pending=$(psql_ -c "select string_agg(name, ', ') from pg_settings where pending_restart")
if [ -n "$pending" ]; then
  pg_ctlcluster "$v" "$c" restart || exit 1
fi
rm -f "$conf/postgresql.conf.provision-previous" "$conf/pg_hba.conf.provision-previous"
