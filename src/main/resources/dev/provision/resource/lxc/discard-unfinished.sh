# Removes what an interrupted creation left of a container: the half-made container, its directory
# (lxc-destroy cannot remove one whose config was never written) and the "creating" marker.
# Refuses while the interrupted run's lxc-create (or its template) or lxc-copy still runs on the host.
# Arguments: the container name, its directory.
n=$1; dir=$2
if pgrep -f "^lxc-create -n $n " >/dev/null 2>&1 || pgrep -f "^lxc-copy -n [^ ]* -N $n( |\$)" >/dev/null 2>&1 || pgrep -f -- "$dir/rootfs" >/dev/null 2>&1; then
  echo "lxc-create -n $n (or its template) from the interrupted run is still running on this host;" \
       "wait for it to end (or kill it), then run apply again" >&2
  exit 1
fi
lxc-destroy -f -n "$n" >/dev/null 2>&1
if [ -n "$n" ] && [ -e "$dir" ]; then rm -rf --one-file-system -- "$dir"; fi
[ ! -e "$dir" ] && rm -f "$PROVISION_MARKERS/$n.creating"
