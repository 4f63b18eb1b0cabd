# Prints provision's record of what it last applied to each named container's resources, one line
# "address<TAB>desired state" per file of <directory $1>/<container>/ (one file per address, so
# changes applied side by side never rewrite one file). Changes nothing.
d=$1; shift
tab=$(printf '\t')
for n in "$@"; do
  for f in "$d/$n"/*; do
    [ -f "$f" ] || continue
    line=; IFS= read -r line <"$f"
    printf '%s%s%s\n' "${f##*/}" "$tab" "$line"
  done
done
