package io.preemptscope.compare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much worse the candidate may be before a no-regression check fails. Each is relative
 * ({@code 20%} of the baseline's value) or absolute (in the metric's unit: ms for latencies, per
 * second for rates, a count for stalls). The defaults are wide enough that two captures of one
 * healthy program under strace do not flap (sysmon asks in 10 ms rounds, so latencies move in
 * steps), and narrow enough to catch a loop that stops being preemptible.
 */
public final class Tolerances {
    /** A tolerance of one metric. */
    public record Tolerance(double value, boolean relative) {
        double allowed(double baseline) {
            return relative ? Math.abs(baseline) * value / 100.0 : value;
        }

        @Override
        public String toString() {
            return relative ? Format.number(value) + "%" : Format.number(value);
        }
    }

    private static final Map<String, Tolerance> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("p50", new Tolerance(20, true));
        DEFAULTS.put("p99", new Tolerance(30, true));
        DEFAULTS.put("longest-run", new Tolerance(50, true));
        DEFAULTS.put("delivery", new Tolerance(50, true));
        DEFAULTS.put("sigurg-rate", new Tolerance(50, true));
        DEFAULTS.put("eintr", new Tolerance(50, true));
        DEFAULTS.put("sysmon-stalls", new Tolerance(1, false));
    }

    private final Map<String, Tolerance> values;

    private Tolerances(Map<String, Tolerance> values) {
        this.values = Map.copyOf(values);
    }

    public static Tolerances defaults() {
        return new Tolerances(DEFAULTS);
    }

    public static List<String> names() {
        return List.copyOf(DEFAULTS.keySet());
    }

    /**
     * The defaults with the user's {@code NAME=VALUE[%]} settings over them.
     *
     * @throws IllegalArgumentException naming what is wrong with a setting, for a usage error
     */
    public static Tolerances parse(List<String> settings) {
        Map<String, Tolerance> values = new LinkedHashMap<>(DEFAULTS);
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected NAME=VALUE or NAME=VALUE%, got " + s);
            }
            String name = s.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown tolerance " + name + "; one of " + String.join(", ", names()));
            }
            String v = s.substring(eq + 1).strip();
            boolean relative = v.endsWith("%");
            String number = relative ? v.substring(0, v.length() - 1).strip() : v;
            double value;
            try {
                value = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": expected a number or a percentage, got " + v);
            }
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + ": must be at least 0, got " + v);
            }
            values.put(name, new Tolerance(value, relative));
        }
        return new Tolerances(values);
    }

    public Tolerance get(String name) {
        return values.get(name);
    }
}
