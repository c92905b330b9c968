package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.GoTraceFormatException;
import java.nio.charset.StandardCharsets;

/** The 16-byte v1 header and the versions it can name. */
final class Versions {
    static final int HEADER_LENGTH = 16;

    private Versions() {}

    /** "1.19" for 1019. */
    static String name(int version) {
        return version / 1000 + "." + version % 1000;
    }

    /** Header text: "go 1.X trace" padded with NULs to 16 bytes; returns 1000*major + minor. */
    static int parseHeader(byte[] data) throws GoTraceFormatException {
        if (data.length == 0) {
            throw GoTraceFormatException.whole("not a Go execution trace: empty file");
        }
        int n = Math.min(data.length, HEADER_LENGTH);
        if (!startsWithGo(data)) {
            throw new GoTraceFormatException(0, "not a Go execution trace: expected the header \"go 1.N trace\"");
        }
        if (data.length < HEADER_LENGTH) {
            throw new GoTraceFormatException(data.length, "truncated header: expected 16 bytes, the file has " + n);
        }
        int major = data[3] - '0';
        int i = 6;
        int minor = data[5] - '0';
        if (major < 1 || major > 9 || data[4] != '.' || minor < 1 || minor > 9) {
            throw new GoTraceFormatException(3, "bad header: expected a version \"1.N\"");
        }
        for (; i < 8 && data[i] >= '0' && data[i] <= '9'; i++) {
            minor = minor * 10 + data[i] - '0';
        }
        byte[] tail = " trace\0\0\0\0".getBytes(StandardCharsets.US_ASCII);
        for (int j = 0; i + j < HEADER_LENGTH; j++) {
            if (data[i + j] != tail[j]) {
                throw new GoTraceFormatException(i + j, "bad header: expected \" trace\" and NUL padding");
            }
        }
        int version = major * 1000 + minor;
        switch (version) {
            case 1005, 1007, 1008, 1009, 1010, 1011, 1019, 1021 -> {
                return version;
            }
            default -> {
                if (version >= 1022) {
                    throw new GoTraceFormatException(0, "go " + name(version)
                            + " trace: the v2 format (Go 1.22+) is not supported yet");
                }
                throw new GoTraceFormatException(0, "unsupported trace version go " + name(version)
                        + " (known: 1.5, 1.7-1.11, 1.19, 1.21)");
            }
        }
    }

    /** The first bytes of every Go trace header (what may be there of them in a short file). */
    private static boolean startsWithGo(byte[] data) {
        byte[] magic = "go 1.".getBytes(StandardCharsets.US_ASCII);
        int n = Math.min(data.length, magic.length);
        for (int i = 0; i < n; i++) {
            if (data[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
