# Reads the PostgreSQL server of one container in one round trip; runs on the LXC host. Changes nothing.
# Arguments: container name, PostgreSQL major version, cluster name, the container's bridge.
n=$1; v=$2; c=$3; bridge=$4
echo "hostaddr $(ip -4 -o addr show dev "$bridge" 2>/dev/null | awk '{print $4; exit}')"
if [ -s "/var/lib/provision/secrets/$n.admin-password" ]; then echo "admin-secret yes"; else echo "admin-secret no"; fi
if ! lxc-info -n "$n" -sH 2>/dev/null | grep -qx RUNNING; then echo "container-down"; exit 0; fi
exec lxc-attach -n "$n" -- sh -s "$v" "$c" <<'INSIDE'
v=$1; c=$2
conf=/etc/postgresql/$v/$c
data=/var/lib/postgresql/$v/$c
echo "installed $(ls /usr/lib/postgresql 2>/dev/null | tr '\n' ' ')"
echo "available $(apt-cache pkgnames postgresql- 2>/dev/null | grep -E '^postgresql-[0-9]+$' | sed 's/^postgresql-//' | sort -n | tr '\n' ' ')"
echo "locales $(locale -a 2>/dev/null | tr '\n' ' ')"
if [ ! -f "$conf/postgresql.conf" ]; then echo "cluster absent"; exit 0; fi
if runuser -u postgres -- pg_ctlcluster "$v" "$c" status >/dev/null 2>&1; then echo "cluster online"; else echo "cluster down"; fi
echo "pid $(head -n 1 "$data/postmaster.pid" 2>/dev/null)"
for f in "$conf/postgresql.conf" "$conf/pg_hba.conf" "$data/postgresql.auto.conf"; do
  echo "file-begin $(basename "$f")"
  cat "$f" 2>/dev/null
  echo
  echo "file-end"
done
if runuser -u postgres -- pg_ctlcluster "$v" "$c" status >/dev/null 2>&1; then
  echo "settings-begin"
  runuser -u postgres -- psql --cluster "$v/$c" -XAtq -F '|' -c "select name, context, pending_restart from pg_settings" 2>&1
  echo "settings-end"
  echo "admin-role $(runuser -u postgres -- psql --cluster "$v/$c" -XAtq -c "select rolname from pg_roles where rolname = 'provision_admin' and rolcanlogin and rolsuper" 2>/dev/null)"
fi
INSIDE
