# Adds the apt repository the inventory declares for the PostgreSQL packages (postgres.package_source),
# before they are installed: its signing key and its one sources line, each written whole; a repository
# over https gets ca-certificates from the release's own archive first. Runs inside the container.
# Arguments: the sources line ("deb [signed-by=KEYRING] URL SUITE COMPONENTS"), the keyring's path, the
# repository's ASCII-armoured public key (public: nothing secret goes through here).
line=$1; keyring=$2; key=$3
list=/etc/apt/sources.list.d/provision-postgresql.list
export DEBIAN_FRONTEND=noninteractive
fail() {
  echo "provision: $1; check the container reaches its package sources, then run apply again." >&2
  exit 1
}
umask 022
mkdir -p "$(dirname "$keyring")" /etc/apt/sources.list.d || fail "cannot make the directories of $keyring and $list"
printf '%s\n' "$key" > "$keyring.new" && mv -f "$keyring.new" "$keyring" || fail "cannot write the signing key to $keyring"
case "$line" in
  *" https://"*)
    if [ "$(dpkg-query -W -f='${db:Status-Abbrev}' ca-certificates 2>/dev/null)" != "ii " ]; then
      apt-get update -q -o DPkg::Lock::Timeout=120 || fail "apt-get update failed"
      apt-get install -y -q -o DPkg::Lock::Timeout=120 --no-install-recommends ca-certificates \
        || fail "apt-get install ca-certificates failed"
    fi ;;
esac
printf '%s\n' "$line" > "$list.new" && mv -f "$list.new" "$list" || fail "cannot write $list"
echo "package source: $line"
