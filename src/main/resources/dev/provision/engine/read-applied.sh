# Prints provision's record of what it last applied to each named container's resources, one record
# "applied ADDRESS DESIRED-STATE" (see ProbeOutput) per file of <directory $1>/<container>/ (one file per address, so
# changes applied side by side never rewrite one file), after a record "key HEX" with the host's
# random key for the records' secret digests. The key is the one thing this read may write: it is
# made (root only, never replaced) the first time, so that the first apply's records already hold
# digests. Changes nothing else.
d=$1; shift
if [ ! -f "$d/.key" ] && (umask 077; mkdir -p "$d") 2>/dev/null; then
  (umask 077; od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$d/.key.$$" && echo >>"$d/.key.$$") 2>/dev/null
  ln "$d/.key.$$" "$d/.key" 2>/dev/null  # another run made it first: keep theirs
  rm -f "$d/.key.$$"
fi
if [ -f "$d/.key" ]; then
  key=; IFS= read -r key <"$d/.key"
  printf 'key %s\n' "$key"
fi
for n in "$@"; do
  for f in "$d/$n"/*; do
    [ -f "$f" ] || continue
    line=; IFS= read -r line <"$f"
    printf 'applied %s %s\n' "${f##*/}" "$line"
  done
done
