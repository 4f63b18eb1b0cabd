# Reads what provision's admin tunnel to a container needs, on the LXC host. Changes nothing.
# Arguments: the admin password file, the container name.
# Output (records, see ProbeOutput): "ipv4 ADDRESS..." (none after it when the container has none),
# then "password PASSWORD" (the file's first line; printf is the shell's own, so no process shows it).
# Exit status 3: the password file is missing or unreadable.
ipv4=
while read -r ip; do
  case "$ip" in *:*|"") ;; *) ipv4="$ipv4$ip " ;; esac
done <<INFO
$(lxc-info -n "$2" -iH 2>/dev/null)
INFO
echo "ipv4 $ipv4"
[ -r "$1" ] || exit 3
# the file has no newline at its end, so read reports end of file after reading it all
IFS= read -r password <"$1" || [ -n "$password" ] || exit 3
printf 'password %s\n' "$password"
