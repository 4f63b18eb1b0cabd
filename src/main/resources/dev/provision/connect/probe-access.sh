# Reads what provision's admin tunnel to a container needs, on the LXC host. Changes nothing.
# Arguments: the admin password file, the container name.
# Output: "ipv4 ADDRESS..." on one line (empty when the container has none), then the password file.
# Exit status 3: the password file is missing or unreadable.
ipv4=
while read -r ip; do
  case "$ip" in *:*|"") ;; *) ipv4="$ipv4$ip " ;; esac
done <<INFO
$(lxc-info -n "$2" -iH 2>/dev/null)
INFO
echo "ipv4 $ipv4"
cat "$1" 2>/dev/null || exit 3
