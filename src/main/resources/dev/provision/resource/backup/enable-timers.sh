# Makes systemd load provision's backup units and enables (and starts) the given timers, and disables and
# removes provision's other backup timers. Runs inside the container. Arguments: the timers to keep.
keep=" $* "
for f in /etc/systemd/system/provision-backup-*.timer /etc/systemd/system/provision-backup-*.service; do
  [ -f "$f" ] || continue
  u=${f##*/}; t=${u%.*}.timer
  case "$keep" in *" $t "*) ;; *) systemctl disable --now "$u" >/dev/null 2>&1; rm -f "$f" ;; esac
done
systemctl daemon-reload || exit 1
[ $# -eq 0 ] || systemctl enable --now "$@"
