package dev.provision.cli;

/**
 * picocli's completion script with the inventory's own values added: picocli completes only values
 * known when the script is generated, so the cases for {@code --target} and {@code force-unlock}'s
 * HOST are rewritten to ask {@code provision addresses} when TAB is pressed.
 */
final class CompletionScript {
    /** Lists the inventory's addresses, or its host names with {@code hosts}; from the line's -i FILE when given. */
    private static final String LISTER = """

            # provision: the inventory's addresses ($1 = addresses) or host names ($1 = hosts), for --target and
            # force-unlock, from the -i/--inventory file on the command line being completed.
            function _provision_inventory_values() {
              local inventory=() i
              for (( i = 1; i < ${#COMP_WORDS[@]}; i++ )); do
                case "${COMP_WORDS[i]}" in
                  -i|--inventory) inventory=(-i "${COMP_WORDS[i+1]}") ;;
                  --inventory=*) inventory=(-i "${COMP_WORDS[i]#--inventory=}") ;;
                esac
              done
              local line
              "${COMP_WORDS[0]}" addresses "${inventory[@]}" 2>/dev/null | while IFS= read -r line; do
                case "$1:$line" in
                  addresses:*) printf '%s\\n' "$line" ;;
                  hosts:hosts.*.*) ;;
                  hosts:hosts.*) printf '%s\\n' "${line#hosts.}" ;;
                esac
              done
            }
            """;

    private static final String TARGET_CASE = """
                '--target')
                  return
                  ;;
            """;

    private static final String TARGET_VALUES = """
                '--target')
                  local IFS=$'\\n'
                  COMPREPLY=( $(compgen -W "$(_provision_inventory_values addresses)" -- "${curr_word}") )
                  return 0
                  ;;
            """;

    private static final String FORCE_UNLOCK = "function _picocli_provision_forceunlock() {";

    private CompletionScript() {}

    /** {@code generated} with the inventory's values completed; fails if picocli's script no longer has the expected cases. */
    static String of(String generated) {
        if (!generated.contains(TARGET_CASE) || !generated.contains(FORCE_UNLOCK)) {
            throw new IllegalStateException("picocli's completion script changed shape; update CompletionScript");
        }
        String script = generated.replace(TARGET_CASE, TARGET_VALUES);
        int start = script.indexOf(FORCE_UNLOCK);
        int end = script.indexOf("\n}\n", start);
        String function = script.substring(start, end);
        String positionals = "    local positionals=\"\"\n";
        if (!function.contains(positionals)) {
            throw new IllegalStateException("picocli's completion script changed shape; update CompletionScript");
        }
        function = function.replace(positionals, "    local positionals=$(_provision_inventory_values hosts)\n");
        return script.substring(0, start) + function + script.substring(end) + LISTER;
    }
}
