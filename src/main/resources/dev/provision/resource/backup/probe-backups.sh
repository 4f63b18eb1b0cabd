# Reads the backups of one container's server in one round trip; runs on the LXC host. Changes nothing.
# Arguments: container name, the repository's directory on the host, the PostgreSQL major version,
# the cluster name, the fingerprint of the repository's backup.info that the caller has `pgbackrest info`'s
# answer for (empty: none), and the managed files to print (their paths inside the container).
# Prints: whether the repository is on the host and its backup.info's fingerprint; then, from inside the
# container, whether pgBackRest is installed, each managed file, which timers are enabled, pg_stat_archiver
# with the server's clock, and `pgbackrest info` as JSON unless backup.info is unchanged since the caller's
# answer (`info-unchanged`): info costs a tenth of a second, and backup.info changes with every backup.
# Nothing is written anywhere; the cipher passphrase file is only tested for its mode.
n=$1; repo=$2; v=$3; c=$4; known=$5; shift 5
if [ -d "$repo/pgbackrest" ]; then echo "repository yes"; else echo "repository no"; fi
fp=$(stat -c '%i.%Y.%s' "$repo/pgbackrest/backup/main/backup.info" 2>/dev/null)
echo "info-fingerprint $fp"
[ -n "$fp" ] && [ "$fp" = "$known" ] || fp=
if [ "$(lxc-info -n "$n" -sH 2>/dev/null)" != RUNNING ]; then echo "container-down"; exit 0; fi
exec lxc-attach -n "$n" -- sh -s "$v" "$c" "$fp" "$@" <<'INSIDE'
v=$1; c=$2; unchanged=$3; shift 3
cd /
if command -v pgbackrest >/dev/null 2>&1; then echo "installed yes"; else echo "installed no"; fi
timers=
for f in "$@"; do
  [ -f "$f" ] || continue
  case "$f" in *.timer) timers="$timers ${f##*/}" ;; esac
  echo "file-begin $f"
  line=; while IFS= read -r line; do printf '%s\n' "$line"; done <"$f"; printf '%s' "$line"
  echo
  echo "file-end"
done
if [ -f /etc/pgbackrest/conf.d/cipher.conf ]; then echo "cipher $(stat -c '%a %U' /etc/pgbackrest/conf.d/cipher.conf)"; fi
# `systemctl enable` makes exactly this link; testing it costs no program
enabled=
for t in $timers; do
  if [ -L "/etc/systemd/system/timers.target.wants/$t" ]; then enabled="$enabled enabled"; else enabled="$enabled disabled"; fi
done
[ -z "$timers" ] || echo "enabled$enabled"
pid=
[ -f "/var/lib/postgresql/$v/$c/postmaster.pid" ] && read -r pid <"/var/lib/postgresql/$v/$c/postmaster.pid"
if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
  # while pgbackrest info runs
  echo "archiver $(PGOPTIONS="-c default_transaction_read_only=on" setpriv --reuid=postgres --regid=postgres --init-groups \
    "/usr/lib/postgresql/$v/bin/psql" -d postgres -XAtq -F ' ' -c "select archived_count, failed_count,
      coalesce(extract(epoch from last_archived_time)::bigint, 0), coalesce(extract(epoch from last_failed_time)::bigint, 0),
      extract(epoch from now())::bigint, coalesce(nullif(last_failed_wal, ''), '-'), current_setting('archive_mode')
      from pg_stat_archiver" 2>/dev/null)" &
fi
info=
if [ -n "$unchanged" ]; then
  info="info-unchanged"
elif command -v pgbackrest >/dev/null 2>&1 && [ -f /etc/pgbackrest/pgbackrest.conf ]; then
  info="info $(setpriv --reuid=postgres --regid=postgres --init-groups pgbackrest --stanza=main --output=json \
    --log-level-console=off --log-level-stderr=off info 2>/dev/null | tr -d '\n')"
fi
wait # the archiver's line first: info's may be longer than one write
[ -z "$info" ] || printf '%s\n' "$info"
INSIDE
