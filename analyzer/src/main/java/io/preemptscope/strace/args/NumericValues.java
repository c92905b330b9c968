package io.preemptscope.strace.args;

/** Small readers for the way strace prints numbers and named constants. */
public final class NumericValues {
    private NumericValues() {}

    /** The leading decimal integer of a value such as {@code 16581<bin-spin>}, or the fallback. */
    public static int leadingInt(String text, int fallback) {
        long v = leadingLong(text, Long.MIN_VALUE);
        return v == Long.MIN_VALUE || v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? fallback : (int) v;
    }

    public static long leadingLong(String text, long fallback) {
        int i = 0;
        boolean negative = false;
        if (i < text.length() && text.charAt(i) == '-') {
            negative = true;
            i++;
        }
        int start = i;
        long v = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && i - start < 18) {
            v = v * 10 + (text.charAt(i) - '0');
            i++;
        }
        if (i == start) {
            return fallback;
        }
        return negative ? -v : v;
    }

    /**
     * The symbolic name where -X verbose printed {@code 23 /* SIGURG *}{@code /}, else the text as
     * it is.
     */
    public static String symbolic(String value) {
        int open = value.indexOf("/* ");
        int close = open < 0 ? -1 : value.indexOf(" */", open + 3);
        if (open >= 0 && close > open) {
            return value.substring(open + 3, close).strip();
        }
        return value;
    }

    /**
     * Whether {@code symbolic(text.substring(from, to).strip())} starts with {@code prefix}, which
     * holds no whitespace; read in place, as futex operations are on every futex call.
     */
    public static boolean symbolicStartsWith(String text, int from, int to, String prefix) {
        int comment = text.indexOf("/* ", from);
        if (comment >= 0 && comment < to) {
            return symbolic(text.substring(from, to).strip()).startsWith(prefix);
        }
        int start = from;
        while (start < to && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        return to - start >= prefix.length() && text.startsWith(prefix, start);
    }
}
