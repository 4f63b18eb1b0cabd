# Writes a stopped container's network configuration into its root filesystem: DHCP, or a static
# address that LXC assigns (then the guest leaves eth0 alone and resolves through the gateway).
# Refuses to write through symbolic links, which the container's own root could have planted.
# Also writes the guest's /etc/hostname, which its init prefers over LXC's lxc.uts.name.
# Arguments: the root filesystem path, "dhcp" or "static", the gateway (static only), the hostname,
# and for an overlay snapshot its lower layer (the root path is then the upper layer, written while
# the container is stopped: a file edited in place is first copied up from the lower layer).
root=$1; mode=$2; gateway=$3; hostname=$4; lower=$5
for p in "$root/etc" "$root/etc/network" "$root/etc/network/interfaces" "$root/etc/hostname" "$root/etc/hosts"; do
  if [ -L "$p" ]; then echo "$p is a symbolic link; refusing to write through it" >&2; exit 1; fi
done
mkdir -p "$root/etc/network"
if [ -n "$lower" ] && [ ! -e "$root/etc/hosts" ] && [ -f "$lower/etc/hosts" ] && [ ! -L "$lower/etc/hosts" ]; then
  cp -p "$lower/etc/hosts" "$root/etc/hosts"
fi
if [ "$mode" = static ]; then
  printf 'auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet manual\n' > "$root/etc/network/interfaces.provision-tmp"
  rm -f "$root/etc/resolv.conf"
  printf 'nameserver %s\n' "$gateway" > "$root/etc/resolv.conf"
else
  printf 'auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet dhcp\n' > "$root/etc/network/interfaces.provision-tmp"
fi
mv -f "$root/etc/network/interfaces.provision-tmp" "$root/etc/network/interfaces"
printf '%s\n' "$hostname" > "$root/etc/hostname"
if ! grep -qw -- "$hostname" "$root/etc/hosts" 2>/dev/null; then
  printf '127.0.1.1\t%s\n' "$hostname" >> "$root/etc/hosts"
fi
