package io.preemptscope.compare;

import java.util.Locale;

/** Numbers as the comparison shows them: at most three decimals, no locale. */
final class Format {
    private Format() {}

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String ms(Double v) {
        return v == null ? "-" : number(v) + " ms";
    }

    static String change(Double baseline, Double candidate) {
        if (baseline == null || candidate == null) {
            return "-";
        }
        double d = candidate - baseline;
        if (baseline == 0) {
            return d == 0 ? "0" : (d > 0 ? "+" : "") + number(d);
        }
        return String.format(Locale.ROOT, "%+.1f%%", 100.0 * d / baseline);
    }

    static String p(double p) {
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }
}
