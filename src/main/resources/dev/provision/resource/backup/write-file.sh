# Writes standard input to a file atomically, with its owner and mode set before it appears. Runs inside
# the container. Arguments: path, owner (user:group), mode (octal).
umask 077
mkdir -p "${1%/*}" || exit 1
cat > "$1.provision-new" && chown "$2" "$1.provision-new" && chmod "$3" "$1.provision-new" && mv -f "$1.provision-new" "$1"
