package dev.provision.inventory;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a parameter value the way PostgreSQL's GUC parser would, offline: booleans, integers and
 * reals (with units and ranges), enums.
 */
final class ParameterValues {
    static final List<String> SIZE_UNITS = List.of("B", "kB", "MB", "GB", "TB");
    static final List<String> TIME_UNITS = List.of("us", "ms", "s", "min", "h", "d");

    private static final Pattern NUMBER = Pattern.compile("\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*([A-Za-z]*)\\s*");
    private static final Map<String, Double> BYTES = Map.of("B", 1d, "kB", 1024d, "8kB", 8192d, "MB", 1048576d,
            "GB", 1073741824d, "TB", 1099511627776d);
    private static final Map<String, Double> MILLIS = Map.of("us", 0.001, "ms", 1d, "s", 1000d, "min", 60000d,
            "h", 3600000d, "d", 86400000d);
    private static final List<String> BOOL_WORDS = List.of("on", "off", "true", "false", "yes", "no", "1", "0");

    /** Why a value is not acceptable, and what to write instead. */
    record Problem(String summary, String remedy) {}

    private ParameterValues() {}

    static Optional<Problem> check(Parameter p, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return problem(p.name() + " must be on one line", "remove the line breaks");
        }
        return switch (p.type()) {
            case BOOL -> isBool(value) ? Optional.empty()
                    : problem(p.name() + " must be a boolean, not \"" + value + "\"", "write on or off");
            case ENUM -> checkEnum(p, value);
            case INTEGER, REAL -> checkNumber(p, value);
            case STRING -> Optional.empty();
        };
    }

    /** The value in bytes of a valid size parameter (such as {@code shared_buffers}), else empty. */
    static OptionalLong bytes(Parameter p, String value) {
        if (!p.isSize() || check(p, value).isPresent()) {
            return OptionalLong.empty();
        }
        Matcher m = NUMBER.matcher(value);
        m.matches();
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2).isEmpty() ? p.unit() : m.group(2);
        return number < 0 ? OptionalLong.empty() : OptionalLong.of((long) (number * BYTES.get(unit)));
    }

    static boolean isBool(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return false;
        }
        if (v.equals("1") || v.equals("0") || v.equals("on")) {
            return true;
        }
        if (v.length() >= 2 && "off".startsWith(v)) {
            return true;
        }
        return !v.startsWith("o") && List.of("true", "false", "yes", "no").stream().anyMatch(w -> w.startsWith(v));
    }

    private static Optional<Problem> checkEnum(Parameter p, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (p.enumValues().stream().anyMatch(e -> e.equalsIgnoreCase(v))) {
            return Optional.empty();
        }
        // PostgreSQL hides boolean spellings such as "true" for enums that accept "on" and "off".
        if (p.enumValues().containsAll(List.of("on", "off")) && BOOL_WORDS.contains(v)) {
            return Optional.empty();
        }
        String hint = Suggestions.hint(value, p.enumValues());
        return problem(p.name() + " must be one of " + String.join(", ", p.enumValues()) + ", not \"" + value + "\"",
                hint.isEmpty() ? "use one of the listed values" : hint);
    }

    private static Optional<Problem> checkNumber(Parameter p, String value) {
        String kind = p.type() == Parameter.Type.INTEGER ? "an integer" : "a number";
        Matcher m = NUMBER.matcher(value);
        if (!m.matches()) {
            String example = p.isSize() ? " such as 128MB" : p.isTime() ? " such as 10s" : "";
            return problem(p.name() + " must be " + kind + unitWord(p) + ", not \"" + value + "\"",
                    "write a number" + example + range(p));
        }
        double number = new BigDecimal(m.group(1)).doubleValue();
        String unit = m.group(2);
        if (!unit.isEmpty()) {
            Optional<Problem> unitProblem = checkUnit(p, value, unit);
            if (unitProblem.isPresent()) {
                return unitProblem;
            }
            Map<String, Double> table = p.isSize() ? BYTES : MILLIS;
            number = number * table.get(unit) / table.get(p.unit());
        }
        if (p.type() == Parameter.Type.INTEGER) {
            number = Math.rint(number);
        }
        if ((p.min() != null && number < p.min()) || (p.max() != null && number > p.max())) {
            return problem(p.name() + " = " + value + " is out of range", "write a value" + range(p));
        }
        return Optional.empty();
    }

    private static Optional<Problem> checkUnit(Parameter p, String value, String unit) {
        if (p.isSize()) {
            return SIZE_UNITS.contains(unit) ? Optional.empty()
                    : problem(p.name() + " = " + value + " has an unknown unit \"" + unit + "\"",
                            "valid units are " + String.join(", ", SIZE_UNITS) + " (case matters: 1GB, not 1Gb)");
        }
        if (p.isTime()) {
            return TIME_UNITS.contains(unit) ? Optional.empty()
                    : problem(p.name() + " = " + value + " has an unknown unit \"" + unit + "\"",
                            "valid units are " + String.join(", ", TIME_UNITS));
        }
        return problem(p.name() + " takes a plain number, without a unit, not \"" + value + "\"", "remove \"" + unit + "\"");
    }

    private static String unitWord(Parameter p) {
        return p.isSize() ? " size" : p.isTime() ? " duration" : "";
    }

    /** {@code " from 128kB to 8TB"}, in the parameter's terms, or the empty string. */
    private static String range(Parameter p) {
        if (p.min() == null || p.max() == null) {
            return "";
        }
        if (p.max() > 1e300) {
            return " of at least " + amount(p, p.min());
        }
        return " from " + amount(p, p.min()) + " to " + amount(p, p.max());
    }

    private static String amount(Parameter p, double value) {
        String number = value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        if (p.isSize() && value > 0) {
            return ByteSize.format((long) (value * BYTES.get(p.unit())));
        }
        return p.unit() == null || value < 0 ? number : number + p.unit();
    }

    private static Optional<Problem> problem(String summary, String remedy) {
        return Optional.of(new Problem(summary, remedy));
    }
}
