# Replaces the lines of the keys provision manages in a container's LXC config with the block on
# standard input, keeping every other line as it was. The file is replaced atomically.
# Arguments: the config file, then the managed keys.
cfg=$1; shift
tmp="$cfg.provision-tmp"
awk -v keys="$*" '
  BEGIN { n = split(keys, k, " "); for (i = 1; i <= n; i++) managed[k[i]] = 1 }
  /^# Managed by provision, desired state / { next }
  {
    line = $0; sub(/^[ \t]+/, "", line)
    if (line !~ /^#/ && index(line, "=") > 0) {
      key = line; sub(/[ \t]*=.*/, "", key)
      if (key in managed) next
    }
    out[++count] = $0
  }
  END {
    while (count > 0 && out[count] ~ /^[ \t]*$/) count--
    for (i = 1; i <= count; i++) print out[i]
    print ""
  }' "$cfg" > "$tmp" || exit 1
cat >> "$tmp" || exit 1
chmod --reference="$cfg" "$tmp" 2>/dev/null
mv -f "$tmp" "$cfg"
