# Reads everything provision needs to know about an LXC host in one round trip. Changes nothing.
# Arguments: the number of bridges, the bridge names, the number of bases, the base names, then the
# container names.
# Output: one "key value" line per fact; a container's config is framed by config-begin/config-end.
# Speed matters (this runs on every plan): shell builtins replace small helper programs where they can.
nbridges=$1; shift
# /sys/fs/cgroup is a cgroup2 file system exactly when it has cgroup.controllers at its root.
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then echo "cgroupfs cgroup2fs"; else echo "cgroupfs other"; fi
# The packages host preparation may install (resource/lxc/HostPackages), each known by a file it
# installs: "package NAME" for each one present. File tests are builtins: no dpkg-query per plan.
for entry in lxc:/usr/bin/lxc-create dnsmasq-base:/usr/sbin/dnsmasq iptables:/usr/sbin/iptables \
    rsync:/usr/bin/rsync lxc-templates:/usr/share/lxc/templates/lxc-debian debootstrap:/usr/sbin/debootstrap \
    distro-info:/usr/bin/debian-distro-info wget:/usr/bin/wget xz-utils:/usr/bin/xz \
    ca-certificates:/etc/ssl/certs/ca-certificates.crt ubuntu-keyring:/usr/share/keyrings/ubuntu-archive-keyring.gpg; do
  [ -e "${entry#*:}" ] && echo "package ${entry%%:*}"
done
# The host's distribution (os-release's ID), for the packages only some distributions have.
if [ -f /etc/os-release ]; then
  while IFS= read -r line; do
    case "$line" in ID=*) v=${line#ID=}; v=${v#\"}; echo "os ${v%\"}" ;; esac
  done </etc/os-release
fi
# LXC's path: lxc.lxcpath in its system configuration (what lxc-config reports), else Debian's default.
lxcpath=$LXC_DEFAULT_PATH
if [ -f /etc/lxc/lxc.conf ]; then
  while IFS= read -r line; do
    case "$line" in
      *lxc.lxcpath*=*) key=${line%%=*}; key=${key#"${key%%[! ]*}"}; key=${key%"${key##*[! ]}"}
        if [ "$key" = lxc.lxcpath ]; then v=${line#*=}; v=${v#"${v%%[! ]*}"}; v=${v%"${v##*[! ]}"}; [ -n "$v" ] && lxcpath=$v; fi ;;
    esac
  done </etc/lxc/lxc.conf
fi
echo "lxcpath $lxcpath"
# A firewall whose FORWARD policy drops (Docker sets one) cuts containers off unless the bridge is let through.
if command -v iptables >/dev/null 2>&1; then
  forward=$(iptables -S FORWARD 2>/dev/null)
  case "
$forward
" in
    *"
-P FORWARD DROP
"*)
      # the interfaces that ACCEPT rules name (-i X, -o X), each once; a function, so that its words
      # do not replace the script's own arguments
      seen=" "
      accepted() {
        while [ $# -gt 1 ]; do
          case "$1" in -i|-o) case "$seen" in *" $1 $2 "*) ;; *) seen="$seen$1 $2 " ;; esac ;; esac
          shift
        done
      }
      set -f
      while IFS= read -r rule; do
        case "$rule" in *"-j ACCEPT"*) accepted $rule ;; esac
      done <<RULES
$forward
RULES
      set +f; echo "forward-drop ${seen# }" ;;
  esac
fi
# lxc-net marks itself up with network_up; its DHCP server can still have died (crash, OOM, a restored machine).
if [ -f /run/lxc/network_up ]; then
  pid=; comm=
  read -r pid 2>/dev/null </run/lxc/dnsmasq.pid
  [ -n "$pid" ] && read -r comm 2>/dev/null <"/proc/$pid/comm"
  if [ "$comm" = dnsmasq ]; then echo "lxc-net-dhcp up"; else echo "lxc-net-dhcp down"; fi
  # lxc-net's bridge and the addresses its DHCP server hands out (its defaults unless /etc/default/lxc-net
  # sets them), and the leases it gave, so that a static address can be checked against both.
  lxcbridge=lxcbr0; range=10.0.3.2,10.0.3.254
  if [ -f /etc/default/lxc-net ]; then
    while IFS= read -r line; do
      case "$line" in
        LXC_BRIDGE=*) v=${line#*=}; v=${v#[\"\']}; lxcbridge=${v%[\"\']} ;;
        LXC_DHCP_RANGE=*) v=${line#*=}; v=${v#[\"\']}; range=${v%[\"\']} ;;
      esac
    done </etc/default/lxc-net
  fi
  echo "dhcp-range $lxcbridge ${range%%,*} ${range#*,}"
  if [ -r "/var/lib/misc/dnsmasq.$lxcbridge.leases" ]; then
    while read -r _ _ ip name _; do echo "lease $lxcbridge $ip $name"; done <"/var/lib/misc/dnsmasq.$lxcbridge.leases"
  fi
fi
i=0
while [ "$i" -lt "$nbridges" ]; do
  b=$1; shift; i=$((i + 1))
  addr=
  read -r _ _ _ addr _ <<ADDR
$(ip -4 -o addr show dev "$b" up 2>/dev/null)
ADDR
  echo "bridge $b ${addr:--}"
done
# Overlay snapshots need overlayfs and an LXC path on a filesystem that can be its upper layer
# (not overlayfs itself, as in a Docker container's root).
overlayfs=no
while read -r a b; do [ "${b:-$a}" = overlay ] && overlayfs=yes; done </proc/filesystems 2>/dev/null
case "$(stat -fc %T "$lxcpath" 2>/dev/null)" in
  ext2/ext3|xfs|btrfs|tmpfs) if [ "$overlayfs" = yes ]; then echo "snapshot overlay"; else echo "snapshot none"; fi ;;
  *) echo "snapshot none" ;;
esac
# The static addresses every container on the host has in its config (the bases' are their clones').
for c in "$lxcpath"/*/config; do
  [ -f "$c" ] || continue
  n=${c%/config}; n=${n##*/}
  case "$n" in provision-base-*) continue ;; esac
  link=; addr=; uts=
  while IFS= read -r line; do
    case "$line" in
      lxc.net.0.link*=*) v=${line#*=}; link=${v# } ;;
      lxc.net.0.ipv4.address*=*) v=${line#*=}; addr=${v# } ;;
      lxc.uts.name*=*) v=${line#*=}; uts=${v# } ;;
    esac
  done <"$c"
  echo "existing $n ${link:--} ${addr:--} ${uts:--}"
done
nbases=${1:-0}; shift
# The host's clock, against which the bases' ages are measured (both by this host's date).
echo "now $(date -u +%Y-%m-%dT%H:%MZ)"
i=0
while [ "$i" -lt "$nbases" ]; do
  b=$1; shift; i=$((i + 1))
  if [ -f "$PROVISION_MARKERS/$b.creating" ]; then echo "base $b incomplete"
  elif [ -f "$PROVISION_MARKERS/$b.base" ] && [ -f "$lxcpath/$b/config" ]; then
    # Each overlay snapshot of the base is two lines (its lxcpath and name) of the base's lxc_snapshots.
    s=0; [ -f "$lxcpath/$b/lxc_snapshots" ] && s=$(( $(grep -c . "$lxcpath/$b/lxc_snapshots") / 2 ))
    echo "base $b ready $(date -u -r "$PROVISION_MARKERS/$b.base" +%Y-%m-%dT%H:%MZ 2>/dev/null) $s"
  elif [ -e "$lxcpath/$b" ]; then echo "base $b foreign"
  else echo "base $b absent"; fi
done
for n in "$@"; do
  d="$lxcpath/$n"
  if [ -f "$PROVISION_MARKERS/$n.creating" ]; then
    echo "incomplete $n"
  elif [ -f "$d/config" ]; then
    state=UNKNOWN; ipv4=; pid=
    while read -r key value; do
      case "$key $value" in
        "State: "*) state=$value ;;
        "IP: "*:*) ;;
        "IP: "*) ipv4="$ipv4$value " ;;
        "PID: "*) pid=$value ;;
      esac
    done <<INFO
$(lxc-info -n "$n" -s -i -p 2>/dev/null)
INFO
    echo "container $n"
    echo "state $state"
    echo "ipv4 $ipv4"
    # The limits in force: read from the running container's cgroups (its payload cgroup, above what
    # its init made inside), named by the config keys that set them. lxc-cgroup changes them live.
    # LXC names the payload cgroup lxc.payload.NAME, or lxc.payload.NAME-1 (-2...) when a cgroup of
    # that name was left behind (a container killed with its monitor, a host restored from a snapshot).
    if [ -n "$pid" ] && [ -r "/proc/$pid/cgroup" ]; then
      while IFS=: read -r _ controllers path; do
        case "$path" in
          */lxc.payload.*) payload=${path#*/lxc.payload.}; path="${path%%/lxc.payload.*}/lxc.payload.${payload%%/*}" ;;
        esac
        case "$controllers" in
          "") g=/sys/fs/cgroup$path
            v=; [ -r "$g/memory.max" ] && read -r v <"$g/memory.max" && echo "live lxc.cgroup2.memory.max $v"
            v=; [ -r "$g/cpu.max" ] && read -r v <"$g/cpu.max" && echo "live lxc.cgroup2.cpu.max $v" ;;
          memory) g=/sys/fs/cgroup/memory$path
            v=; [ -r "$g/memory.limit_in_bytes" ] && read -r v <"$g/memory.limit_in_bytes" && echo "live lxc.cgroup.memory.limit_in_bytes $v" ;;
          *cpu,*|*,cpu|cpu) g=/sys/fs/cgroup/$controllers$path
            v=; [ -r "$g/cpu.cfs_quota_us" ] && read -r v <"$g/cpu.cfs_quota_us" && echo "live lxc.cgroup.cpu.cfs_quota_us $v"
            v=; [ -r "$g/cpu.cfs_period_us" ] && read -r v <"$g/cpu.cfs_period_us" && echo "live lxc.cgroup.cpu.cfs_period_us $v" ;;
        esac
      done <"/proc/$pid/cgroup"
    fi
    echo "config-begin"
    # a read loop instead of cat: one program less per container; bytes as cat would print them
    line=; while IFS= read -r line; do printf '%s\n' "$line"; done <"$d/config"; printf '%s' "$line"
    echo
    echo "config-end"
  else
    if [ -f "$PROVISION_MARKERS/$n.applied" ]; then echo "absent $n applied-before"; else echo "absent $n"; fi
  fi
done
# Containers provision created, with the inventory that declared them ($PROVISION_MARKERS/NAME.owner),
# and the state of those not asked about above (removal plans them); then every container on the host
# (the plan lists those nobody declared as unmanaged).
for f in "$PROVISION_MARKERS"/*.owner; do
  [ -f "$f" ] || continue
  n=${f##*/}; n=${n%.owner}
  owner=; read -r owner <"$f"
  state=declared
  case " $* " in
    *" $n "*) ;;
    *) state=absent
      if [ -f "$lxcpath/$n/config" ]; then
        state=UNKNOWN
        while read -r key value; do [ "$key" = State: ] && state=$value; done <<INFO
$(lxc-info -n "$n" -s 2>/dev/null)
INFO
      fi ;;
  esac
  echo "owned $n $state $owner"
done
for d in "$lxcpath"/*/config; do
  [ -f "$d" ] || continue
  d=${d%/config}; echo "exists ${d##*/}"
done
