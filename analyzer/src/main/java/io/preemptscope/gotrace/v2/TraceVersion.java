package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoTraceFormatException;
import java.nio.charset.StandardCharsets;

/**
 * The v2 header, "go 1.N trace" NUL-padded to 16 bytes, and the versions Go's reader accepts: 1.22,
 * 1.23 (also written by 1.24), 1.25 and 1.26.
 */
public final class TraceVersion {
    static final int HEADER_LENGTH = 16;
    private static final int[] KNOWN = {22, 23, 25, 26};

    private TraceVersion() {}

    static boolean known(int minor) {
        for (int k : KNOWN) {
            if (k == minor) {
                return true;
            }
        }
        return false;
    }

    /** The minor version of a binary header, e.g. 22. */
    static int parseHeader(byte[] data) throws GoTraceFormatException {
        if (data.length == 0) {
            throw GoTraceFormatException.whole("not a Go execution trace: empty file");
        }
        if (data.length < HEADER_LENGTH) {
            throw new GoTraceFormatException(data.length, "truncated header: expected 16 bytes \"go 1.N trace\","
                    + " the file has " + data.length);
        }
        String s = new String(data, 0, HEADER_LENGTH, StandardCharsets.ISO_8859_1);
        int i = 5;
        int minor = 0;
        for (; i < 8 && Character.isDigit(s.charAt(i)); i++) {
            minor = minor * 10 + s.charAt(i) - '0';
        }
        if (!s.startsWith("go 1.") || i == 5 || !s.startsWith(" trace", i)) {
            throw new GoTraceFormatException(0, "not a Go execution trace: expected the header \"go 1.N trace\"");
        }
        for (int j = i + 6; j < HEADER_LENGTH; j++) {
            if (s.charAt(j) != 0) {
                throw new GoTraceFormatException(j, "bad header: expected NUL padding after \"trace\"");
            }
        }
        check(minor, 0);
        return minor;
    }

    static void check(int minor, long offset) throws GoTraceFormatException {
        if (!known(minor)) {
            throw new GoTraceFormatException(offset, "unknown or unsupported trace version go 1." + minor
                    + " (the v2 reader knows 1.22, 1.23, 1.25, 1.26)");
        }
    }
}
