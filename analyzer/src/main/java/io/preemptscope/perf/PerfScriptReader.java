package io.preemptscope.perf;

import io.preemptscope.strace.ProblemSink;
import io.preemptscope.strace.ReadProblem;
import io.preemptscope.strace.StraceInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Streams the events of one perf script text, line by line, in bounded memory: nothing is kept
 * but the line being read. Blank lines and perf's {@code #} header lines are skipped; a line the
 * grammar rejects goes to the problem sink (which, in strict mode, stops the read) and is counted.
 */
public final class PerfScriptReader implements Closeable {
    /** perf script's lines are short; a longer one is not perf's, and is not held whole. */
    static final int MAX_LINE = 64 * 1024;

    private final String file;
    private final Reader in;
    private final ProblemSink problems;
    private final PerfLineParser parser = new PerfLineParser();
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int end;
    private final StringBuilder line = new StringBuilder();
    private boolean atEnd;
    private long lines;
    private long unparsed;
    private long truncated;
    private long events;

    /** @param file the input's name in problems and events */
    public PerfScriptReader(String file, Reader in, ProblemSink problems) {
        this.file = file;
        this.in = in;
        this.problems = problems;
    }

    /** The next event, or null at the end of the input. */
    public PerfEvent next() throws IOException, StraceInputException {
        while (true) {
            int read = readLine();
            if (read == EOF) {
                return null;
            }
            lines++;
            String text = line.toString();
            if (read == TOO_LONG) {
                unparsed++;
                problems.report(new ReadProblem(file, lines, "longer than " + MAX_LINE
                        + " characters: not a perf script line", "", false));
                continue;
            }
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            PerfEvent e = parser.parse(lines, text);
            if (e != null) {
                events++;
                return e;
            }
            if (read == UNTERMINATED) {
                // a capture copied while perf script still wrote it: the last line lost its end
                truncated++;
                problems.report(new ReadProblem(file, lines, "the last line is cut short: "
                        + parser.failure().describe(), text, true));
                continue;
            }
            unparsed++;
            problems.report(new ReadProblem(file, lines, parser.failure().describe(), text, false));
        }
    }

    public String file() {
        return file;
    }

    public long lines() {
        return lines;
    }

    public long unparsed() {
        return unparsed;
    }

    public long truncated() {
        return truncated;
    }

    public long events() {
        return events;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static final int EOF = -1;
    private static final int LINE = 0;
    private static final int UNTERMINATED = 1;
    private static final int TOO_LONG = 2;

    /** Reads up to the next newline into {@link #line}, keeping at most MAX_LINE characters of it. */
    private int readLine() throws IOException {
        if (atEnd) {
            return EOF;
        }
        line.setLength(0);
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    atEnd = true;
                    if (!any) {
                        return EOF;
                    }
                    return tooLong ? TOO_LONG : UNTERMINATED;
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            if (line.length() + n > MAX_LINE) {
                tooLong = true;
                line.append(buf, start, Math.max(0, MAX_LINE - line.length()));
            } else {
                line.append(buf, start, n);
            }
            if (pos < end) {
                pos++; // the newline
                return tooLong ? TOO_LONG : LINE;
            }
        }
    }
}
