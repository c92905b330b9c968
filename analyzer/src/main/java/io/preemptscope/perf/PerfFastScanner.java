package io.preemptscope.perf;

import io.preemptscope.strace.args.ArgDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the shapes perf script prints for the capture's tracepoints by hand, some ten times faster
 * than the grammar, and returns null whenever a line is not exactly one of them: a comm or a
 * value with blanks, a value with '=', '(' or ',' in it, odd spacing in a syscall. The grammar
 * then reads the line, so the two can only differ where this class answers, and
 * PerfFastScannerAgreesWithGrammarTest holds them equal there on every line of the samples.
 *
 * <p>Tokens are whitespace-separated words classified whole, as the grammar's lexer does by
 * longest match: "6386/6386" is ids, "[000]" a CPU, "9179.88:" a time, "a:b:" an event.
 */
final class PerfFastScanner {
    private PerfFastScanner() {}

    static PerfEvent scan(long lineNumber, String text) {
        try {
            return scanOrNull(lineNumber, text);
        } catch (NumberFormatException | ArithmeticException unsure) {
            return null;
        }
    }

    private static PerfEvent scanOrNull(long lineNumber, String text) {
        List<int[]> words = words(text, 0);
        int event = -1;
        for (int i = 0; i < words.size(); i++) {
            int[] w = words.get(i);
            // checked in place: most words are not the event, and a substring of each would cost more than the check
            if (isEvent(text, w[0], w[1]) || text.startsWith("PERF_RECORD_SWITCH", w[0])
                    && (w[1] - w[0] == 18 || text.startsWith("_CPU_WIDE", w[0] + 18) && w[1] - w[0] == 27)) {
                event = i;
                break;
            }
        }
        if (event < 2) {
            return null;
        }
        // backwards from the event: [PERIOD] TIME [CPU] IDS, and the comm before
        int at = event - 1;
        if (ArgDecoder.allDigits(text, words.get(at)[0], words.get(at)[1]) && at >= 1
                && isTime(text, words.get(at - 1)[0], words.get(at - 1)[1])) {
            at--;
        }
        int[] timeAt = words.get(at);
        if (!isTime(text, timeAt[0], timeAt[1])) {
            return null;
        }
        String timeWord = word(text, timeAt);
        at--;
        int cpu = -1;
        if (at >= 0 && isCpu(text, words.get(at)[0], words.get(at)[1])) {
            cpu = Integer.parseInt(text, words.get(at)[0] + 1, words.get(at)[1] - 1, 10);
            at--;
        }
        if (at < 0) {
            return null;
        }
        int idsFrom = words.get(at)[0];
        int idsTo = words.get(at)[1];
        long pid = -1;
        long tid;
        int slash = text.indexOf('/', idsFrom);
        if (slash > idsFrom && slash < idsTo && ArgDecoder.allDigits(text, idsFrom, slash) && ArgDecoder.allDigits(text, slash + 1, idsTo)) {
            pid = Long.parseLong(text, idsFrom, slash, 10);
            tid = Long.parseLong(text, slash + 1, idsTo, 10);
        } else if (ArgDecoder.allDigits(text, idsFrom, idsTo)) {
            tid = Long.parseLong(text, idsFrom, idsTo, 10);
        } else {
            return null;
        }
        String comm = at == 0 ? "" : text.substring(words.get(0)[0], words.get(at - 1)[1]);
        String time = timeWord.substring(0, timeWord.length() - 1);
        String name = word(text, words.get(event));
        List<String> rest = new ArrayList<>();
        for (int i = event + 1; i < words.size(); i++) {
            rest.add(word(text, words.get(i)));
        }
        PerfEvent.Payload payload;
        if (name.startsWith("PERF_RECORD_SWITCH")) {
            payload = switchRecord(rest);
        } else {
            name = name.substring(0, name.length() - 1);
            payload = rest.size() >= 2 && rest.get(0).equals("NR") ? syscall(rest) : fields(text, words, event + 1);
        }
        if (payload == null) {
            return null;
        }
        return new PerfEvent(lineNumber, comm, pid, tid, cpu, time, PerfLineParser.nanos(time), name, payload);
    }

    private static PerfEvent.Payload switchRecord(List<String> rest) {
        for (String w : rest) {
            if (hasSpecial(w)) {
                return null;
            }
        }
        return PerfLineParser.switchRecord(rest);
    }

    /** "NR 12 (0, 7ffe, 0, 37f, 0, 0)" or "NR 12 = -512", spaced exactly as perf prints them. */
    private static PerfEvent.Payload syscall(List<String> rest) {
        String nr = rest.get(1);
        if (!isNumber(nr)) {
            return null;
        }
        if (rest.size() == 4 && rest.get(2).equals("=") && isNumber(rest.get(3))) {
            return PerfLineParser.exit(Long.parseLong(nr), Long.parseLong(rest.get(3)));
        }
        if (rest.size() < 3 || !rest.get(2).startsWith("(") || !rest.get(rest.size() - 1).endsWith(")")) {
            return null;
        }
        List<String> args = new ArrayList<>();
        for (int i = 2; i < rest.size(); i++) {
            String w = rest.get(i);
            if (i == 2) {
                w = w.substring(1);
            }
            boolean last = i == rest.size() - 1;
            if (last) {
                w = w.substring(0, w.length() - 1);
            } else if (w.endsWith(",")) {
                w = w.substring(0, w.length() - 1);
            } else {
                return null;
            }
            if (last && w.isEmpty() && args.isEmpty()) {
                break; // "()"
            }
            if (!isNumber(w) && !isHex(w)) {
                return null;
            }
            args.add(w);
        }
        return PerfLineParser.enter(Long.parseLong(nr), args);
    }

    /**
     * key=value words and "==>"; a word with no '=' carries on the value before it, as a comm with
     * blanks does ("next_comm=C2 CompilerThre", the JVM's compiler thread), and the value is the
     * text from its first word to its last, blanks included. A word with '(', ')' or ',' in it, or
     * a second '=', is left to the grammar.
     */
    private static PerfEvent.Payload fields(String text, List<int[]> words, int from) {
        if (from >= words.size()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        String key = null;
        int valueStart = -1;
        int valueEnd = -1;
        for (int i = from; i < words.size(); i++) {
            String w = word(text, words.get(i));
            int eq = w.indexOf('=');
            if (w.equals("==>") || eq >= 0) {
                if (key != null) {
                    values.put(key, valueStart < 0 ? "" : text.substring(valueStart, valueEnd));
                    key = null;
                }
                if (w.equals("==>")) {
                    continue;
                }
                if (eq == 0 || !isKey(w.substring(0, eq)) || hasSpecial(w.substring(eq + 1))) {
                    return null;
                }
                key = w.substring(0, eq);
                boolean empty = eq == w.length() - 1;
                valueStart = empty ? -1 : words.get(i)[0] + eq + 1;
                valueEnd = empty ? -1 : words.get(i)[1];
            } else {
                if (key == null || hasSpecial(w)) {
                    return null;
                }
                if (valueStart < 0) {
                    valueStart = words.get(i)[0];
                }
                valueEnd = words.get(i)[1];
            }
        }
        if (key != null) {
            values.put(key, valueStart < 0 ? "" : text.substring(valueStart, valueEnd));
        }
        return new PerfEvent.Fields(values);
    }

    /** [start, end) of each word; blanks are what the grammar skips: space, tab, CR. */
    private static List<int[]> words(String s, int from) {
        List<int[]> out = new ArrayList<>();
        int i = from;
        int n = s.length();
        while (i < n) {
            while (i < n && isBlank(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(s.charAt(i))) {
                if (s.charAt(i) == '\n') {
                    return List.of();
                }
                i++;
            }
            if (i > start) {
                out.add(new int[] {start, i});
            }
        }
        return out;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static String word(String s, int[] w) {
        return s.substring(w[0], w[1]);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String s) {
        return isDigits(s.startsWith("-") ? s.substring(1) : s);
    }

    private static boolean isHex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }

    /** DIGITS '.' DIGITS ':' in s[from, to) */
    private static boolean isTime(String s, int from, int to) {
        if (to - from < 4 || s.charAt(to - 1) != ':') {
            return false;
        }
        int dot = s.indexOf('.', from);
        return dot > from && dot < to - 2 && ArgDecoder.allDigits(s, from, dot) && ArgDecoder.allDigits(s, dot + 1, to - 1);
    }

    private static boolean isCpu(String s, int from, int to) {
        return to - from > 2 && s.charAt(from) == '[' && s.charAt(to - 1) == ']' && ArgDecoder.allDigits(s, from + 1, to - 1);
    }

    /** NAME ':' NAME ':' in s[from, to), with NAME [a-zA-Z_][a-zA-Z_0-9]* */
    private static boolean isEvent(String s, int from, int to) {
        if (to - from < 4 || s.charAt(to - 1) != ':') {
            return false;
        }
        int colon = s.indexOf(':', from);
        return colon > from && colon < to - 2 && isName(s, from, colon) && isName(s, colon + 1, to - 1);
    }

    private static boolean isName(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        char first = s.charAt(from);
        if (!(first < 128 && Character.isLetter(first) || first == '_')) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                return false;
            }
        }
        return true;
    }

    /** [a-z_][a-z_0-9]* */
    private static boolean isKey(String s) {
        if (s.isEmpty() || !(s.charAt(0) >= 'a' && s.charAt(0) <= 'z' || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** The characters that split a word into several payload tokens. */
    private static boolean hasSpecial(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=' || c == '(' || c == ')' || c == ',' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
