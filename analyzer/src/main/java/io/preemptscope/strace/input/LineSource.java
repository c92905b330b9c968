package io.preemptscope.strace.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines without ever holding more than one line and one buffer.
 *
 * <p>strace prints ASCII (it escapes every other byte), so lines are decoded as ISO-8859-1, which
 * is exact and cheap; only a line that really carries bytes above 0x7F (program output mixed into
 * a stderr capture) is decoded as UTF-8. ANSI colour codes (strace 7's --color=always, script(1)
 * captures) are dropped.
 */
public final class LineSource implements Closeable {
    /** A longer line is cut here and reported; strace's own lines are far shorter. */
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private long lineNumber;
    private long offset;
    private boolean eof;
    private long overlongLines;

    public LineSource(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of input. */
    public PhysicalLine next() throws IOException {
        int length = 0;
        boolean highBytes = false;
        boolean escapes = false;
        long start = offset;
        while (true) {
            if (pos == limit) {
                if (!fill()) {
                    if (length == 0) {
                        return null;
                    }
                    return make(length, start, false, highBytes, escapes);
                }
            }
            int from = pos;
            int newline = -1;
            for (int i = from; i < limit; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    newline = i;
                    break;
                }
                if (b < 0) {
                    highBytes = true;
                } else if (b == 0x1b) {
                    escapes = true;
                }
            }
            int end = newline < 0 ? limit : newline;
            if (newline >= 0 && length == 0 && !escapes) {
                // the whole line lies in the buffer: one copy, straight into the String
                pos = newline + 1;
                offset += newline - from + 1;
                int n = newline - from;
                if (n > 0 && buffer[newline - 1] == '\r') {
                    n--;
                }
                if (n > MAX_LINE_BYTES) {
                    overlongLines++;
                    n = MAX_LINE_BYTES;
                }
                String text = highBytes
                        ? new String(buffer, from, n, StandardCharsets.UTF_8)
                        : new String(buffer, from, n, StandardCharsets.ISO_8859_1);
                return new PhysicalLine(text, ++lineNumber, start, true);
            }
            length = append(length, from, end - from);
            offset += end - from;
            pos = end;
            if (newline >= 0) {
                pos++;
                offset++;
                return make(length, start, true, highBytes, escapes);
            }
        }
    }

    /** Bytes consumed so far: the progress of a long read. */
    public long bytesRead() {
        return offset;
    }

    /** Lines longer than {@link #MAX_LINE_BYTES}, which were cut. */
    public long overlongLines() {
        return overlongLines;
    }

    private int append(int length, int from, int count) {
        if (length >= MAX_LINE_BYTES) {
            if (length == MAX_LINE_BYTES && count > 0) {
                overlongLines++;
                return length + 1;
            }
            return length;
        }
        int room = Math.min(count, MAX_LINE_BYTES - length);
        if (length + room > line.length) {
            byte[] grown = new byte[Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + room))];
            System.arraycopy(line, 0, grown, 0, length);
            line = grown;
        }
        System.arraycopy(buffer, from, line, length, room);
        return length + room;
    }

    private PhysicalLine make(int length, long start, boolean terminated, boolean highBytes, boolean escapes) {
        int n = Math.min(length, MAX_LINE_BYTES);
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        String text = highBytes
                ? new String(line, 0, n, StandardCharsets.UTF_8)
                : new String(line, 0, n, StandardCharsets.ISO_8859_1);
        if (escapes) {
            text = AnsiCodes.strip(text);
        }
        return new PhysicalLine(text, ++lineNumber, start, terminated);
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = read;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
