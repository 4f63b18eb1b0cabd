# Reads the PostgreSQL server of one container in one round trip; runs on the LXC host. Changes nothing.
# Arguments: container name, PostgreSQL major version, cluster name, the container's bridge, and a psql
# script of further reads to make in the same psql session (the database driver's, see PsqlReads; may
# be empty), whose output follows the settings.
# Speed matters (this runs on every plan): the perl wrappers of postgresql-common are avoided, and
# shell builtins replace small helper programs where they can.
n=$1; v=$2; c=$3; bridge=$4; reads=$5
addr=
read -r _ _ _ addr _ <<ADDR
$(ip -4 -o addr show dev "$bridge" 2>/dev/null)
ADDR
echo "hostaddr $addr"
if [ -s "$PROVISION_SECRETS/$n.admin-password" ]; then echo "admin-secret yes"; else echo "admin-secret no"; fi
if [ "$(lxc-info -n "$n" -sH 2>/dev/null)" != RUNNING ]; then echo "container-down"; exit 0; fi
exec lxc-attach -n "$n" -- sh -s "$v" "$c" "$reads" <<'INSIDE'
v=$1; c=$2; reads=$3
conf=/etc/postgresql/$v/$c
data=/var/lib/postgresql/$v/$c
installed=
for d in /usr/lib/postgresql/*; do [ -e "$d" ] && installed="$installed${d##*/} "; done
echo "installed $installed"
if [ -x "/usr/lib/postgresql/$v/bin/postgres" ]; then
  # An install cut short (its connection lost, killed) or still running has the binary without a
  # configured package or without its cluster.
  if [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "postgresql-$v" 2>/dev/null)" != "ii " ] || [ ! -f "$conf/postgresql.conf" ]; then
    echo "unfinished yes"
  fi
else
  echo "available $(apt-cache pkgnames postgresql- 2>/dev/null | grep -E '^postgresql-[0-9]+$' | sed 's/^postgresql-//' | sort -n | tr '\n' ' ')"
fi
echo "locales" $(locale -a 2>/dev/null)
if [ ! -f "$conf/postgresql.conf" ]; then echo "cluster absent"; exit 0; fi
pid=; port=; socket=
{ read -r pid; read -r _; read -r _; read -r port; read -r socket; } 2>/dev/null <"$data/postmaster.pid"
if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "cluster online"; else echo "cluster down"; pid=; fi
echo "pid $pid"
for f in "$conf/postgresql.conf" "$conf/pg_hba.conf" "$data/postgresql.auto.conf"; do
  echo "file-begin ${f##*/}"
  # a read loop instead of cat: one program less per file; bytes as cat would print them
  line=; if [ -f "$f" ]; then while IFS= read -r line; do printf '%s\n' "$line"; done <"$f"; printf '%s' "$line"; fi
  echo
  echo "file-end"
done
if [ -n "$pid" ]; then
  # One psql session (every transaction read-only) for the settings, then the further reads. Its
  # errors are dropped: a read that fails is one the plan makes again through an admin session, which
  # reports it; and error lines must not land among the settings (psql's stdout is buffered, its
  # stderr is not).
  settings() {
    printf '%s\n' "select name, context, pending_restart from pg_settings
        union all select 'provision:admin-role', rolname, 'f' from pg_roles where rolname = 'provision_admin' and rolcanlogin and rolsuper;" \
      '\echo settings-end' "$reads" \
    | PGOPTIONS="-c default_transaction_read_only=on" setpriv --reuid=postgres --regid=postgres --init-groups \
      "/usr/lib/postgresql/$v/bin/psql" -h "${socket:-/var/run/postgresql}" -p "${port:-5432}" -d postgres -XAtq -F '|' 2>/dev/null
  }
  cd /
  if ! out=$(settings); then
    # A server that is still starting (its container was just started) refuses connections for a moment.
    i=0
    while [ "$i" -lt 30 ] && ! "/usr/lib/postgresql/$v/bin/pg_isready" -q -h "${socket:-/var/run/postgresql}" -p "${port:-5432}"; do
      sleep 1; i=$((i + 1))
    done
    out=$(settings)
  fi
  echo "settings-begin"
  printf '%s\n' "$out"
  case "$out" in *settings-end*) ;; *) echo "settings-end" ;; esac
fi
INSIDE
