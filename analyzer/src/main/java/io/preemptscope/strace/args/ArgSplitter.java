package io.preemptscope.strace.args;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an argument text at its top-level commas, never inside strings, brackets, decorations
 * or comments: {@code 3, "a, b", {x=1, y=2}} gives three arguments.
 */
public final class ArgSplitter {
    private ArgSplitter() {}

    public static List<String> split(String args) {
        List<String> out = new ArrayList<>();
        if (args.isBlank()) {
            return out;
        }
        int start = 0;
        for (int comma = nextComma(args, 0); comma >= 0; comma = nextComma(args, start)) {
            out.add(args.substring(start, comma).strip());
            start = comma + 1;
        }
        out.add(args.substring(start).strip());
        return out;
    }

    /** The first {@code n} arguments of {@link #split}, or all when there are fewer, without splitting the rest. */
    public static List<String> leading(String args, int n) {
        List<String> out = new ArrayList<>(n);
        if (args.isBlank()) {
            return out;
        }
        int start = 0;
        for (int comma = nextComma(args, 0); comma >= 0 && out.size() < n; comma = nextComma(args, start)) {
            out.add(args.substring(start, comma).strip());
            start = comma + 1;
        }
        if (out.size() < n) {
            out.add(args.substring(start).strip());
        }
        return out;
    }

    /** The first argument alone, without splitting the rest; null for no arguments. */
    public static String first(String args) {
        if (args.isBlank()) {
            return null;
        }
        int comma = nextComma(args, 0);
        return (comma < 0 ? args : args.substring(0, comma)).strip();
    }

    /** The next comma at bracket depth 0 from {@code from} on, or -1. */
    private static int nextComma(String args, int from) {
        int depth = 0;
        int n = args.length();
        for (int i = from; i < n; i++) {
            char c = args.charAt(i);
            switch (c) {
                case '"' -> i = skipString(args, i);
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth = Math.max(0, depth - 1);
                case '<' -> i = skipDecoration(args, i);
                case '/' -> {
                    if (i + 1 < n && args.charAt(i + 1) == '*') {
                        int end = args.indexOf("*/", i + 2);
                        i = end < 0 ? n - 1 : end + 1;
                    }
                }
                case ',' -> {
                    if (depth == 0) {
                        return i;
                    }
                }
                default -> { }
            }
        }
        return -1;
    }

    private static int skipString(String s, int open) {
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return s.length() - 1;
    }

    private static int skipDecoration(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                if (--depth == 0) {
                    return i;
                }
            }
        }
        // an unmatched '<' is an ordinary character
        return open;
    }
}
