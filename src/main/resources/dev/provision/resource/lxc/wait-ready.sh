# Waits until a container runs and has an IPv4 address, then prints the address.
# Arguments: container name, timeout in seconds.
n=$1; t=$2
lxc-wait -n "$n" -s RUNNING -t "$t" || { echo "container $n did not reach RUNNING within ${t}s" >&2; exit 1; }
i=0
while [ "$i" -lt $((t * 4)) ]; do
  ip=$(lxc-info -n "$n" -iH 2>/dev/null | grep -v : | head -n 1)
  if [ -n "$ip" ]; then echo "$ip"; exit 0; fi
  sleep 0.25; i=$((i + 1))
done
echo "container $n is running but has no IPv4 address after ${t}s; check its network configuration and the bridge's DHCP server (lxc-net)" >&2
exit 1
