# Waits until a container runs, has an IPv4 address and (under systemd) has finished booting, so the
# services it starts at boot, PostgreSQL among them, are up; then prints the address.
# Arguments: container name, timeout in seconds.
n=$1; t=$2
lxc-wait -n "$n" -s RUNNING -t "$t" || { echo "container $n did not reach RUNNING within ${t}s" >&2; exit 1; }
i=0
ip=
while [ "$i" -lt $((t * 4)) ]; do
  ip=$(lxc-info -n "$n" -iH 2>/dev/null | grep -v : | head -n 1)
  if [ -n "$ip" ]; then break; fi
  sleep 0.25; i=$((i + 1))
done
if [ -z "$ip" ]; then
  echo "container $n is running but has no IPv4 address after ${t}s; check its network configuration and the bridge's DHCP server (lxc-net)" >&2
  exit 1
fi
# "initializing" and "starting" mean boot is under way; any other answer (running, degraded...) means it ended.
while [ "$i" -lt $((t * 4)) ]; do
  state=$(lxc-attach -n "$n" -- systemctl is-system-running 2>/dev/null)
  case "$state" in initializing|starting) sleep 0.25; i=$((i + 1)) ;; *) break ;; esac
done
echo "$ip"
