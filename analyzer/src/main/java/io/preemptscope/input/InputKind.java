package io.preemptscope.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What an input holds, told from its first bytes: the one place {@code parse}, {@code analyze} and
 * the Go trace decoders recognise their inputs. Go traces are told from their raw bytes; schedtrace
 * and perf script output from their text, compressed or not; anything else is taken for strace output.
 */
public enum InputKind {
    STRACE,
    /** Go 1.5 – 1.21: "go 1.N trace" header. */
    GO_TRACE_V1,
    /** Go 1.22+, binary: "go 1.N trace" header with N ≥ 22. */
    GO_TRACE_V2,
    /** Go 1.22+ in the text form of Go's tests and {@code go tool trace -d=wire}. */
    GO_TRACE_V2_TEXT,
    /** GODEBUG=schedtrace output. */
    SCHEDTRACE,
    /** {@code perf script} text of tracepoints, as a perf capture's perf.txt holds. */
    PERF_SCRIPT;

    /** How many bytes of a file {@link #of(byte[])} needs to tell a Go trace. */
    public static final int HEAD_BYTES = 64;
    /** Schedtrace output has a SCHED line among its first this many lines (a program's own output may precede it). */
    public static final int SCHEDTRACE_LINES = 64;

    private static final int V2_HEADER_BYTES = 16;
    private static final int FIRST_V2_MINOR = 22;

    public boolean goTrace() {
        return this == GO_TRACE_V1 || this == GO_TRACE_V2 || this == GO_TRACE_V2_TEXT;
    }

    /**
     * What a file holds. Not a regular file (a directory, an -ff prefix): strace, for the strace
     * reader to expand and explain. Empty or unreadable: strace too, for its reader to explain; but
     * an empty {@code *.trace} file is what a hung Go program leaves behind, so it is taken for a
     * (bad) Go trace.
     */
    public static InputKind of(Path file) {
        if (!Files.isRegularFile(file)) {
            return STRACE;
        }
        try (OpenedInput in = InputSource.of(file).open()) {
            return in.kind();
        } catch (IOException e) {
            return STRACE;
        }
    }

    /** What bytes that begin an input hold, as far as they tell (schedtrace lines past them are not seen). */
    public static InputKind of(byte[] head) {
        InputKind go = goTrace(head);
        if (go != null) {
            return go;
        }
        String text = new String(head, StandardCharsets.UTF_8);
        try (Reader schedtrace = new StringReader(text); Reader perf = new StringReader(text)) {
            if (schedtrace(new BufferedReader(schedtrace))) {
                return SCHEDTRACE;
            }
            return perfScript(new BufferedReader(perf)) ? PERF_SCRIPT : STRACE;
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
    }

    /** The Go trace kind of the first bytes, or null when they are no Go trace. */
    private static InputKind goTrace(byte[] head) {
        String s = new String(head, 0, Math.min(head.length, HEAD_BYTES), StandardCharsets.ISO_8859_1);
        if (v2Header(s)) {
            return GO_TRACE_V2;
        }
        String text = s.stripLeading();
        if (text.startsWith("-- expect --") || text.startsWith("Trace Go1.")) {
            return GO_TRACE_V2_TEXT;
        }
        // Every v1 header starts so; a short or damaged one is for the decoder to explain.
        return s.length() >= 5 && s.startsWith("go 1.") ? GO_TRACE_V1 : null;
    }

    /** "go 1.N " with N ≥ 22 within the 16-byte header. */
    private static boolean v2Header(String s) {
        String header = s.substring(0, Math.min(s.length(), V2_HEADER_BYTES));
        if (!header.startsWith("go 1.") || header.length() < 8) {
            return false;
        }
        int minor = 0;
        int i = 5;
        for (; i < 8 && Character.isDigit(header.charAt(i)); i++) {
            minor = minor * 10 + header.charAt(i) - '0';
        }
        return i > 5 && i < header.length() && header.charAt(i) == ' ' && minor >= FIRST_V2_MINOR;
    }

    /**
     * perf script's head: [comm] [pid/]tid [[cpu]] seconds: [period] then a tracepoint
     * (system:event:) or a PERF_RECORD_ record. No strace line has a colon right after its time.
     */
    private static final Pattern PERF_LINE = Pattern.compile(
            "^.*?\\d+(?:/\\d+)?\\s+(?:\\[\\d+]\\s+)?\\d+\\.\\d+:\\s+(?:\\d+\\s+)?"
                    + "(?:[A-Za-z_]\\w*:[A-Za-z_]\\w*:|PERF_RECORD_)");

    /** The first line that is not blank or perf's {@code #} header is a perf script line. */
    private static boolean perfScript(BufferedReader text) throws IOException {
        for (int i = 0; i < SCHEDTRACE_LINES; i++) {
            String line = text.readLine();
            if (line == null) {
                return false;
            }
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            return PERF_LINE.matcher(line).find();
        }
        return false;
    }

    private static boolean schedtrace(BufferedReader text) throws IOException {
        for (int i = 0; i < SCHEDTRACE_LINES; i++) {
            String line = text.readLine();
            if (line == null) {
                return false;
            }
            if (line.startsWith("SCHED ")) {
                return true;
            }
        }
        return false;
    }
}
