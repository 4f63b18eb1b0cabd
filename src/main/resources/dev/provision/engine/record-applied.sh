# Records what provision applied to resource $3 of container $2 in directory $1: the file $1/$2/$3
# gets standard input (written beside, then renamed); with $4 = remove the file goes, and the whole
# container's directory when $3 is the container itself.
set -e
umask 077
dir="$1/$2"
if [ "$4" = remove ]; then
  if [ "$3" = "containers.$2" ]; then rm -rf "$dir"; else rm -f "$dir/$3"; fi
  exit 0
fi
mkdir -p "$dir"
cat >"$dir/.$3.new"
mv "$dir/.$3.new" "$dir/$3"
