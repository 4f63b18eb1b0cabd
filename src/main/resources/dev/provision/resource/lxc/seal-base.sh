# Removes from a prepared base everything that must be unique to each container cloned from it, then
# flushes it to disk so the base can be stopped at once. Runs inside the base.
set -e
# A cluster, should a package have made one anyway: each clone creates its own.
for conf in /etc/postgresql/*/*/postgresql.conf; do
  [ -f "$conf" ] || continue
  d=${conf%/postgresql.conf}; c=${d##*/}; v=${d%/*}; v=${v##*/}
  pg_dropcluster --stop "$v" "$c"
done
rm -f /etc/ssh/ssh_host_*
rm -f /etc/ssl/private/ssl-cert-snakeoil.key /etc/ssl/certs/ssl-cert-snakeoil.pem
rm -f /var/lib/dhcp/*.leases
rm -rf /var/log/journal/*
apt-get clean
sync
