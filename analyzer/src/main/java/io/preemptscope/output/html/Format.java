package io.preemptscope.output.html;

import java.util.Locale;

/** Numbers as the report prints them, the same in every locale. */
final class Format {
    private Format() {}

    /** Milliseconds with up to three significant decimals: 0.021, 10.3, 1,120. */
    static String ms(double ms) {
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%,.0f", ms);
        }
        if (ms >= 10) {
            return trim(String.format(Locale.ROOT, "%.1f", ms));
        }
        if (ms >= 1) {
            return trim(String.format(Locale.ROOT, "%.2f", ms));
        }
        return trim(String.format(Locale.ROOT, "%.3f", ms));
    }

    /** A duration in ns in the unit that reads best: 850 µs, 12.4 ms, 1.12 s. */
    static String duration(long ns) {
        if (ns >= 1_000_000_000L) {
            return trim(String.format(Locale.ROOT, "%.2f", ns / 1e9)) + " s";
        }
        if (ns >= 1_000_000L) {
            return ms(ns / 1e6) + " ms";
        }
        return trim(String.format(Locale.ROOT, "%.1f", ns / 1e3)) + " µs";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String bytes(long n) {
        if (n >= 1 << 20) {
            return trim(String.format(Locale.ROOT, "%.1f", n / 1048576.0)) + " MiB";
        }
        if (n >= 1 << 10) {
            return trim(String.format(Locale.ROOT, "%.1f", n / 1024.0)) + " KiB";
        }
        return n + " bytes";
    }

    static String seconds(double s) {
        return trim(String.format(Locale.ROOT, "%.3f", s));
    }

    private static String trim(String decimal) {
        if (!decimal.contains(".")) {
            return decimal;
        }
        String t = decimal.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
