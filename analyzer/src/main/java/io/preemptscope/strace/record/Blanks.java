package io.preemptscope.strace.record;

/** Space and tab handling shared by both record parsers, so their texts compare equal. */
public final class Blanks {
    private Blanks() {}

    public static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Strips spaces and tabs only: the grammar skips nothing else, so nothing else may go. */
    public static String strip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isBlank(s.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(s.charAt(to - 1))) {
            to--;
        }
        return from == 0 && to == s.length() ? s : s.substring(from, to);
    }
}
