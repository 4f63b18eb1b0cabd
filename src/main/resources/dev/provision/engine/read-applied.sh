# Prints provision's record of what it last applied to each named container's resources, one record
# "applied ADDRESS DESIRED-STATE" (see ProbeOutput) per file of <directory $1>/<container>/ (one file per address, so
# changes applied side by side never rewrite one file). Changes nothing.
d=$1; shift
for n in "$@"; do
  for f in "$d/$n"/*; do
    [ -f "$f" ] || continue
    line=; IFS= read -r line <"$f"
    printf 'applied %s %s\n' "${f##*/}" "$line"
  done
done
