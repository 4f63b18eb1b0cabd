# Generates the given locales (such as en_US.UTF-8) in a container, unless they exist. Runs inside it.
missing=
for l in "$@"; do
  norm=$(printf '%s' "$l" | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')
  if ! locale -a 2>/dev/null | tr 'A-Z' 'a-z' | grep -qx "$norm"; then missing="$missing $l"; fi
done
[ -z "$missing" ] && exit 0
for l in $missing; do
  charset=${l#*.}; [ "$charset" = "$l" ] && charset=ISO-8859-1
  grep -qx "$l $charset" /etc/locale.gen 2>/dev/null || printf '%s %s\n' "$l" "$charset" >> /etc/locale.gen
done
locale-gen
