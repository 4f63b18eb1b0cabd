# Removes what an interrupted creation left of a container: the half-made container, its directory
# (lxc-destroy cannot remove one whose config was never written) and the "creating" marker.
# Also removes a base too old to clone (rebuilt next), never one that containers are overlay snapshots of.
# Refuses while the interrupted run's lxc-create (or its template) or lxc-copy still runs on the host.
# Arguments: the container name, its directory.
n=$1; dir=$2
if pgrep -f "^lxc-create -n $n " >/dev/null 2>&1 || pgrep -f "^lxc-copy -n [^ ]* -N $n( |\$)" >/dev/null 2>&1 || pgrep -f -- "$dir/rootfs" >/dev/null 2>&1; then
  echo "lxc-create -n $n (or its template) from the interrupted run is still running on this host;" \
       "wait for it to end (or kill it), then run apply again" >&2
  exit 1
fi
if [ -s "$dir/lxc_snapshots" ]; then
  echo "$n has overlay snapshots (containers whose lower layer it is: $(tr '\n' ' ' < "$dir/lxc_snapshots"));" \
       "it is not removed; run plan again" >&2
  exit 1
fi
lxc-destroy -f -n "$n" >/dev/null 2>&1
if [ -n "$n" ] && [ -e "$dir" ]; then rm -rf --one-file-system -- "$dir"; fi
[ ! -e "$dir" ] && rm -f "$PROVISION_MARKERS/$n.creating"
