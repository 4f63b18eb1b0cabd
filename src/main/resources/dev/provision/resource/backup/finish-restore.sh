# Starts a restored server and waits until it has replayed the archive to its target and left recovery;
# then prints what PostgreSQL logged about where recovery stopped. Runs inside the container.
# Arguments: PostgreSQL major version, cluster name, port.
v=$1; c=$2; port=$3
log=/var/log/postgresql/postgresql-$v-$c.log
lines=$(wc -l <"$log" 2>/dev/null || echo 0)
systemctl start "postgresql@$v-$c" || {
  echo "provision: the restored server did not start; its log ends with:" >&2
  tail -n +"$((lines + 1))" "$log" | tail -20 >&2
  exit 1
}
i=0
while :; do
  state=$(runuser -u postgres -- "/usr/lib/postgresql/$v/bin/psql" -p "$port" -XAtq -c "select pg_is_in_recovery()" 2>/dev/null)
  [ "$state" = f ] && break
  i=$((i + 1))
  if [ "$i" -ge 43200 ] || ! systemctl is-active -q "postgresql@$v-$c"; then
    echo "provision: the restored server did not finish recovery; its log ends with:" >&2
    tail -n +"$((lines + 1))" "$log" | tail -20 >&2
    exit 1
  fi
  sleep 1
done
tail -n +"$((lines + 1))" "$log" | grep -E "recovery stopping|last completed transaction|archive recovery complete|consistent recovery state|selected new timeline" || true
echo "restored server is promoted and accepts connections on port $port"
