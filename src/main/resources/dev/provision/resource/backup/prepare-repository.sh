# Makes a repository directory on the LXC host: the directory root-only (0700), the pgBackRest
# repository inside it, mounted into the container. Runs on the host. Arguments: the directory.
set -e
mkdir -p "$1/pgbackrest"
chmod 0700 "$1"
case "$1" in "$PROVISION_STATE/backups/"*) chmod 0700 "$PROVISION_STATE/backups" ;; esac
