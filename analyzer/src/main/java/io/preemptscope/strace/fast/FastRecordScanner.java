package io.preemptscope.strace.fast;

import io.preemptscope.strace.record.Blanks;
import io.preemptscope.strace.record.RecordKind;
import io.preemptscope.strace.record.StraceRecord;
import io.preemptscope.strace.record.SyscallResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written scanner for the record shapes that make up nearly all of a real capture.
 *
 * <p>It exists for speed only: the ANTLR grammar is the definition. Whenever the scanner meets
 * anything it is not sure of, it answers null and the caller falls back to the grammar; a
 * differential test holds the two equal wherever the scanner answers.
 */
public final class FastRecordScanner {

    private static final String UNFINISHED = "<unfinished ...>";
    private static final String DETACHED = "<detached ...>";
    /** Followed by a blank, the grammar's lexer reads it as the start of a -c summary header. */
    private static final String SUMMARY_WORD = "syscall";

    /** The record, or null when the grammar must decide. */
    public StraceRecord scan(String line) {
        if (line.indexOf('\r') >= 0) {
            // the grammar has no token that holds a carriage return (strace escapes it as \r)
            return null;
        }
        return new Cursor(line, names).record();
    }

    private final NameCache names = new NameCache();

    private static final class Cursor {
        private final String s;
        private final int n;
        private int i;

        private int pid = StraceRecord.NO_PID;
        private String comm;
        private String timestamp;
        private String relative;

        private final NameCache names;

        Cursor(String s, NameCache names) {
            this.s = s;
            this.names = names;
            this.n = s.length();
        }

        StraceRecord record() {
            if (!prefix()) {
                return null;
            }
            if (i >= n) {
                return null;
            }
            char c = s.charAt(i);
            if (c == '-' && s.startsWith("--- ", i)) {
                return signal();
            }
            if (c == '+' && s.startsWith("+++ ", i)) {
                return exitLine();
            }
            if (c == '<' && s.startsWith("<... ", i)) {
                return resumed();
            }
            if (c == 's' && s.startsWith("strace: ", i)) {
                return make(RecordKind.MESSAGE, null, Blanks.strip(s.substring(i)), false, false, false, null, null);
            }
            if (isNameStart(c)) {
                int nameEnd = nameEnd(i);
                if (nameEnd < n && s.charAt(nameEnd) == '(') {
                    String name = names.name(s, i, nameEnd);
                    i = nameEnd + 1;
                    return callBody(name, false);
                }
            }
            return null;
        }

        // ------------------------------------------------------------------ prefix

        private boolean prefix() {
            if (s.startsWith("[pid", 0)) {
                int j = 4;
                if (j >= n || s.charAt(j) != ' ') {
                    return false;
                }
                while (j < n && s.charAt(j) == ' ') {
                    j++;
                }
                int digitsEnd = digitsEnd(j);
                if (digitsEnd == j || digitsEnd >= n || digitsEnd - j > 9) {
                    return false;
                }
                pid = parsePid(j, digitsEnd);
                j = digitsEnd;
                if (s.charAt(j) == '<') {
                    int close = s.indexOf('>', j);
                    if (close < 0 || s.indexOf('<', j + 1) >= 0 && s.indexOf('<', j + 1) < close
                            || !plainComm(j + 1, close, true)) {
                        return false;
                    }
                    comm = s.substring(j + 1, close);
                    j = close + 1;
                }
                if (j >= n || s.charAt(j) != ']') {
                    return false;
                }
                i = j + 1;
                skipBlanks();
            } else if (i < n && isDigit(s.charAt(i))) {
                int digitsEnd = digitsEnd(i);
                if (digitsEnd >= n) {
                    return false;
                }
                if (digitsEnd - i > 9 && s.charAt(digitsEnd) != '.') {
                    return false;
                }
                char after = s.charAt(digitsEnd);
                if (after == '<') {
                    int close = s.indexOf('>', digitsEnd);
                    int nested = s.indexOf('<', digitsEnd + 1);
                    if (close < 0 || nested >= 0 && nested < close || !plainComm(digitsEnd + 1, close, false)) {
                        return false;
                    }
                    pid = parsePid(i, digitsEnd);
                    comm = s.substring(digitsEnd + 1, close);
                    i = close + 1;
                    skipBlanks();
                } else if (Blanks.isBlank(after)) {
                    pid = parsePid(i, digitsEnd);
                    i = digitsEnd;
                    skipBlanks();
                } else if (after != ':' && after != '.') {
                    return false;
                }
            }
            if (i < n && isDigit(s.charAt(i))) {
                if (!absoluteTimestamp()) {
                    return false;
                }
            }
            if (s.startsWith("(+", i)) {
                int close = s.indexOf(')', i);
                if (close < 0) {
                    return false;
                }
                // as the grammar's REL_PLUS: spaces (no tabs) after "(+", none before ')'
                int j = i + 2;
                while (j < close && s.charAt(j) == ' ') {
                    j++;
                }
                String inner = s.substring(j, close);
                if (!isDecimal(inner)) {
                    return false;
                }
                relative = inner;
                i = close + 1;
                skipBlanks();
            }
            if (i < n && s.charAt(i) == '[') {
                // -n and -i fields are rare; the grammar reads them
                return false;
            }
            return true;
        }

        /**
         * A -Y command name between from and close that the grammar reads as this scanner does:
         * no carriage return; after a bare pid, nothing the lexer takes for another '&lt;' token
         * (a duration, "&lt;unavailable&gt;", a resumed head) and no "-&gt;" arrow, which its
         * decoration rule reads past.
         */
        private boolean plainComm(int from, int close, boolean bracketed) {
            if (s.substring(from, close).indexOf('\r') >= 0) {
                return false;
            }
            if (bracketed) {
                return true;
            }
            if (close > from && s.charAt(close - 1) == '-') {
                return false;
            }
            return !isDuration(from, close) && !s.startsWith("unavailable>", from) && !s.startsWith("... ", from);
        }

        private boolean absoluteTimestamp() {
            int start = i;
            int digitsEnd = digitsEnd(i);
            if (digitsEnd - start == 2 && digitsEnd + 6 <= n && s.charAt(digitsEnd) == ':') {
                // HH:MM:SS[.frac]
                int j = digitsEnd;
                if (!(isDigit(s.charAt(j + 1)) && isDigit(s.charAt(j + 2)) && s.charAt(j + 3) == ':'
                        && isDigit(s.charAt(j + 4)) && isDigit(s.charAt(j + 5)))) {
                    return false;
                }
                j += 6;
                if (j < n && s.charAt(j) == '.') {
                    int fracEnd = digitsEnd(j + 1);
                    if (fracEnd == j + 1) {
                        return false;
                    }
                    j = fracEnd;
                }
                return endTimestamp(start, j);
            }
            if (digitsEnd < n && s.charAt(digitsEnd) == '.') {
                int fracEnd = digitsEnd(digitsEnd + 1);
                if (fracEnd == digitsEnd + 1) {
                    return false;
                }
                return endTimestamp(start, fracEnd);
            }
            return false;
        }

        private boolean endTimestamp(int start, int end) {
            if (end >= n || !Blanks.isBlank(s.charAt(end))) {
                return false;
            }
            timestamp = s.substring(start, end);
            i = end;
            skipBlanks();
            return true;
        }

        // ------------------------------------------------------------------ bodies

        private StraceRecord signal() {
            i += 4;
            skipBlanks();
            if (i >= n || !isNameStart(s.charAt(i))) {
                return null;
            }
            int nameEnd = nameEnd(i);
            String name = names.name(s, i, nameEnd);
            i = nameEnd;
            skipBlanks();
            if (i < n && s.charAt(i) == '{') {
                int close = balancedEnd(i + 1, '}');
                if (close < 0) {
                    return null;
                }
                String info = Blanks.strip(s.substring(i + 1, close));
                i = close + 1;
                skipBlanks();
                if (!s.startsWith("---", i)) {
                    return null;
                }
                i += 3;
                return atEnd() ? make(RecordKind.SIGNAL, name, info, false, false, false, null, null) : null;
            }
            return null;
        }

        private StraceRecord exitLine() {
            if (s.startsWith("+++ exited with ", i)) {
                int j = i + "+++ exited with ".length();
                int digitsEnd = digitsEnd(j);
                if (digitsEnd == j || !s.startsWith(" +++", digitsEnd)) {
                    return null;
                }
                String status = s.substring(j, digitsEnd);
                i = digitsEnd + 4;
                return atEnd() ? make(RecordKind.EXITED, null, status, false, false, false, null, null) : null;
            }
            if (s.startsWith("+++ killed by ", i)) {
                int j = i + "+++ killed by ".length();
                if (j >= n || !isNameStart(s.charAt(j))) {
                    return null;
                }
                int nameEnd = nameEnd(j);
                String signal = s.substring(j, nameEnd);
                if (signal.equals(SUMMARY_WORD)) {
                    return null;
                }
                String note = "";
                int k = nameEnd;
                if (s.startsWith(" (", k)) {
                    if (s.startsWith(" (+", k)) {
                        return null;
                    }
                    int close = s.indexOf(')', k);
                    if (close < 0 || s.indexOf('(', k + 2) >= 0 && s.indexOf('(', k + 2) < close) {
                        return null;
                    }
                    note = s.substring(k + 2, close);
                    k = close + 1;
                }
                if (!s.startsWith(" +++", k)) {
                    return null;
                }
                i = k + 4;
                return atEnd() ? make(RecordKind.KILLED, signal, note, false, false, false, null, null) : null;
            }
            return null;
        }

        private StraceRecord resumed() {
            int j = i + "<... ".length();
            if (s.startsWith("??? resumed>", j)) {
                // a call strace did not see enter: the reader names it from the thread's pending entry
                i = j + "??? resumed>".length();
                return callBody("???", true);
            }
            if (j >= n || !isNameStart(s.charAt(j))) {
                return null;
            }
            int nameEnd = nameEnd(j);
            if (!s.startsWith(" resumed>", nameEnd)) {
                return null;
            }
            String name = names.name(s, j, nameEnd);
            i = nameEnd + " resumed>".length();
            return callBody(name, true);
        }

        /** From just after '(' (or 'resumed>'), through the arguments to the result. */
        private StraceRecord callBody(String name, boolean resumedHead) {
            int argsStart = i;
            int depth = 0;
            char[] closers = new char[16];
            while (i < n) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> {
                        int end = stringEnd(i);
                        if (end < 0) {
                            return null;
                        }
                        i = end;
                        continue;
                    }
                    case '/' -> {
                        if (i + 1 < n && s.charAt(i + 1) == '*') {
                            int end = s.indexOf("*/", i + 2);
                            if (end < 0) {
                                return null;
                            }
                            i = end + 2;
                            continue;
                        }
                    }
                    case '<' -> {
                        int blanksStart = i;
                        while (blanksStart > argsStart && s.charAt(blanksStart - 1) == ' ') {
                            blanksStart--;
                        }
                        if (s.startsWith(UNFINISHED, i)) {
                            if (depth != 0) {
                                return null;
                            }
                            String args = Blanks.strip(s.substring(argsStart, blanksStart));
                            i += UNFINISHED.length();
                            return afterUnfinished(name, args, resumedHead);
                        }
                        if (s.startsWith(DETACHED, i)) {
                            if (depth != 0) {
                                return null;
                            }
                            String args = Blanks.strip(s.substring(argsStart, blanksStart));
                            i += DETACHED.length();
                            return atEnd()
                                    ? make(RecordKind.SYSCALL, name, args, resumedHead, false, true, null, null)
                                    : null;
                        }
                        int end = decorationEnd(i);
                        if (end < 0) {
                            return null;
                        }
                        i = end;
                        continue;
                    }
                    case '(' , '{', '[' -> {
                        if (depth == closers.length) {
                            return null;
                        }
                        closers[depth++] = c == '(' ? ')' : c == '{' ? '}' : ']';
                    }
                    case ')', '}', ']' -> {
                        if (depth == 0) {
                            if (c != ')') {
                                return null;
                            }
                            String args = Blanks.strip(s.substring(argsStart, i));
                            i++;
                            return withResult(name, args, resumedHead, false);
                        }
                        if (closers[--depth] != c) {
                            return null;
                        }
                    }
                    default -> {
                        if (c == '\r') {
                            return null;
                        }
                    }
                }
                i++;
            }
            return null;
        }

        private StraceRecord afterUnfinished(String name, String args, boolean resumedHead) {
            int save = i;
            skipBlanks();
            if (i >= n) {
                if (resumedHead) {
                    return null;
                }
                return make(RecordKind.SYSCALL, name, args, false, true, false, null, null);
            }
            if (s.charAt(i) == ')') {
                i++;
                return withResult(name, args, resumedHead, true);
            }
            i = save;
            return null;
        }

        private StraceRecord withResult(String name, String args, boolean resumedHead, boolean unfinished) {
            skipBlanks();
            if (i >= n || s.charAt(i) != '=') {
                return null;
            }
            i++;
            skipBlanks();
            if (i >= n) {
                return null;
            }
            String value;
            String errno = null;
            String errnoText = null;
            String decoration = null;
            boolean unavailable = false;
            List<String> notes = new ArrayList<>(0);
            char c = s.charAt(i);
            if (c == '?') {
                value = "?";
                i++;
                skipBlanks();
                if (s.startsWith("<unavailable>", i)) {
                    unavailable = true;
                    i += "<unavailable>".length();
                } else if (i < n && isNameStart(s.charAt(i))) {
                    String[] named = errnoWithText();
                    if (named == null) {
                        return null;
                    }
                    errno = named[0];
                    errnoText = named[1];
                }
            } else if (c == '-' && s.startsWith("-1", i) && (i + 2 >= n || !isDigit(s.charAt(i + 2)))) {
                value = "-1";
                i += 2;
                skipBlanks();
                if (i < n && isNameStart(s.charAt(i))) {
                    String[] named = errnoWithText();
                    if (named == null) {
                        return null;
                    }
                    errno = named[0];
                    errnoText = named[1];
                } else if (i < n && s.charAt(i) == '(') {
                    String note = note();
                    if (note == null) {
                        return null;
                    }
                    notes.add(note);
                }
            } else if (c == '0' && i + 2 < n && s.charAt(i + 1) == 'x' && isHexDigit(s.charAt(i + 2))) {
                int end = i + 2;
                while (end < n && isHexDigit(s.charAt(end))) {
                    end++;
                }
                value = s.substring(i, end);
                i = end;
                decoration = valueDecoration();
                if (decoration == FAILED) {
                    return null;
                }
            } else if (isDigit(c) || c == '-' && i + 1 < n && isDigit(s.charAt(i + 1))) {
                int end = digitsEnd(c == '-' ? i + 1 : i);
                value = s.substring(i, end);
                i = end;
                decoration = valueDecoration();
                if (decoration == FAILED) {
                    return null;
                }
            } else {
                return null;
            }
            skipBlanks();
            while (i < n && s.charAt(i) == '(') {
                if (s.startsWith("(+", i)) {
                    return null;
                }
                String note = note();
                if (note == null) {
                    return null;
                }
                notes.add(note);
                skipBlanks();
            }
            String duration = null;
            if (i < n && s.charAt(i) == '<') {
                int close = s.indexOf('>', i);
                if (close < 0 || !isDuration(i + 1, close)) {
                    return null;
                }
                duration = s.substring(i + 1, close);
                i = close + 1;
            }
            if (!atEnd()) {
                return null;
            }
            SyscallResult result = new SyscallResult(value, errno, errnoText, decoration, notes, unavailable);
            return make(RecordKind.SYSCALL, name, args, resumedHead, unfinished, false, result, duration);
        }

        /** "EINTR (Interrupted system call)": the errno and its text, or null when the text is missing. */
        private String[] errnoWithText() {
            int nameEnd = nameEnd(i);
            String word = s.substring(i, nameEnd);
            i = nameEnd;
            skipBlanks();
            if (i == nameEnd || word.equals(SUMMARY_WORD)) {
                // "EINTR(" is a call head to the grammar's lexer (strace prints a blank),
                // "syscall " starts its summary header token
                return null;
            }
            String note = note();
            return note == null ? null : new String[] {word, note};
        }

        private static final String FAILED = new String("failed");

        /** A -y/-Y decoration right after the value, or null; FAILED when unsure. */
        private String valueDecoration() {
            int save = i;
            skipBlanks();
            if (i < n && s.charAt(i) == '<') {
                int close = s.indexOf('>', i);
                if (close >= 0 && isDuration(i + 1, close)) {
                    i = save;
                    return null;
                }
                if (s.startsWith("<unavailable>", i) || s.startsWith("<... ", i)) {
                    // the lexer's own tokens, not decorations
                    return FAILED;
                }
                int end = decorationEnd(i);
                if (end < 0) {
                    return FAILED;
                }
                String deco = s.substring(i + 1, end - 1);
                i = end;
                return deco;
            }
            i = save;
            return null;
        }

        /** Reads "(text)" with nested parentheses; null when there is none or it is not closed. */
        private String note() {
            if (i >= n || s.charAt(i) != '(' || s.startsWith("(+", i)) {
                // "(+ 0.000116)" is the lexer's REL_PLUS, not a note
                return null;
            }
            int depth = 0;
            for (int j = i; j < n; j++) {
                char c = s.charAt(j);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                    if (depth == 0) {
                        String text = s.substring(i + 1, j);
                        i = j + 1;
                        return text;
                    }
                } else if (c == '\r') {
                    return null;
                }
            }
            return null;
        }

        // ------------------------------------------------------------------ lexical helpers

        /** End (exclusive) of a string literal starting at from, or -1. */
        private int stringEnd(int from) {
            for (int j = from + 1; j < n; j++) {
                char c = s.charAt(j);
                if (c == '\\') {
                    j++;
                    if (j < n && (s.charAt(j) == '\r')) {
                        return -1;
                    }
                } else if (c == '"') {
                    return j + 1;
                } else if (c == '\r') {
                    return -1;
                }
            }
            return -1;
        }

        /**
         * End (exclusive) of a nested &lt;...&gt; decoration starting at from, or -1. A socket's
         * arrow ("127.0.0.1:37895-&gt;127.0.0.1:40792") is part of the body, as in the grammar.
         */
        private int decorationEnd(int from) {
            int depth = 0;
            for (int j = from; j < n; j++) {
                char c = s.charAt(j);
                if (c == '-' && j + 1 < n && s.charAt(j + 1) == '>') {
                    j++;
                } else if (c == '<') {
                    depth++;
                } else if (c == '>') {
                    depth--;
                    if (depth == 0) {
                        return j + 1;
                    }
                } else if (c == '\r') {
                    return -1;
                }
            }
            return -1;
        }

        /** Index of the closer that balances an opener just before from, or -1. */
        private int balancedEnd(int from, char closer) {
            int save = i;
            i = from;
            int depth = 0;
            char[] closers = new char[16];
            try {
                while (i < n) {
                    char c = s.charAt(i);
                    if (c == '"') {
                        int end = stringEnd(i);
                        if (end < 0) {
                            return -1;
                        }
                        i = end;
                        continue;
                    }
                    if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                        int end = s.indexOf("*/", i + 2);
                        if (end < 0) {
                            return -1;
                        }
                        i = end + 2;
                        continue;
                    }
                    if (c == '<') {
                        if (s.startsWith(UNFINISHED, i) || s.startsWith(DETACHED, i)) {
                            return -1;
                        }
                        int end = decorationEnd(i);
                        if (end < 0) {
                            return -1;
                        }
                        i = end;
                        continue;
                    }
                    if (c == '(' || c == '{' || c == '[') {
                        if (depth == closers.length) {
                            return -1;
                        }
                        closers[depth++] = c == '(' ? ')' : c == '{' ? '}' : ']';
                    } else if (c == ')' || c == '}' || c == ']') {
                        if (depth == 0) {
                            return c == closer ? i : -1;
                        }
                        if (closers[--depth] != c) {
                            return -1;
                        }
                    } else if (c == '\r') {
                        return -1;
                    }
                    i++;
                }
                return -1;
            } finally {
                i = save;
            }
        }

        private boolean isDuration(int from, int to) {
            int dot = -1;
            if (from == to) {
                return false;
            }
            for (int j = from; j < to; j++) {
                char c = s.charAt(j);
                if (c == '.') {
                    if (dot >= 0 || j == from || j == to - 1) {
                        return false;
                    }
                    dot = j;
                } else if (!isDigit(c)) {
                    return false;
                }
            }
            return true;
        }

        private boolean atEnd() {
            skipBlanks();
            return i >= n;
        }

        private void skipBlanks() {
            while (i < n && Blanks.isBlank(s.charAt(i))) {
                i++;
            }
        }

        private int digitsEnd(int from) {
            int j = from;
            while (j < n && isDigit(s.charAt(j))) {
                j++;
            }
            return j;
        }

        private int nameEnd(int from) {
            int j = from + 1;
            while (j < n && isNamePart(s.charAt(j))) {
                j++;
            }
            return j;
        }

        /** Callers make sure there are at most nine digits, so the value fits an int. */
        private int parsePid(int from, int to) {
            int v = 0;
            for (int j = from; j < to; j++) {
                v = v * 10 + (s.charAt(j) - '0');
            }
            return v;
        }

        private StraceRecord make(RecordKind kind, String name, String text, boolean resumedHead,
                boolean unfinished, boolean detached, SyscallResult result, String duration) {
            return new StraceRecord(kind, pid, comm, timestamp, relative, name, text,
                    resumedHead, unfinished, detached, result, duration);
        }

        private static boolean isDecimal(String t) {
            int dot = t.indexOf('.');
            if (dot <= 0 || dot == t.length() - 1) {
                return false;
            }
            for (int j = 0; j < t.length(); j++) {
                if (j != dot && !isDigit(t.charAt(j))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isHexDigit(char c) {
            return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
        }

        private static boolean isNameStart(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
        }

        private static boolean isNamePart(char c) {
            return isNameStart(c) || isDigit(c);
        }
    }
}
