package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.GoTraceFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Frames the v1 byte stream into raw events (Go's readTrace). Every length read from the file is
 * checked against the bytes that are left before anything is allocated from it.
 */
final class WireReader {
    /** Go's parser refuses longer strings; the runtime never writes them. */
    private static final long MAX_STRING = 1_000_000;
    /** traceBytesPerNumber: a uint64 needs at most 10 LEB128 bytes. */
    private static final int MAX_VARINT_BYTES = 10;

    private final byte[] data;
    private final int version;
    private int pos;

    WireReader(byte[] data, int start, int version) {
        this.data = data;
        this.pos = start;
        this.version = version;
    }

    boolean atEnd() {
        return pos >= data.length;
    }

    int position() {
        return pos;
    }

    /** The next event, or, for a String event, the string it defines (type STRING, args [id]). */
    RawEvent next() throws GoTraceFormatException {
        int off0 = pos;
        int b = data[pos++] & 0xff;
        int code = b & 0x3f;
        int narg = (b >>> 6) + 1;
        int inlineArgs = 4;
        if (version < 1007) {
            narg++; // 1.5 put a sequence number before the timestamp
            inlineArgs++;
        }
        EventType type = EventType.forCode(code, version);
        if (type == null) {
            throw new GoTraceFormatException(off0, "unknown event type " + code + " (byte 0x"
                    + Integer.toHexString(b) + ") for a go " + Versions.name(version) + " trace");
        }
        if (type == EventType.STRING) {
            return readString(off0);
        }
        long[] args;
        if (narg < inlineArgs) {
            args = new long[narg];
            for (int i = 0; i < narg; i++) {
                args[i] = readVal("argument " + (i + 1) + " of " + type.displayName + " at " + off0);
            }
        } else {
            long evLen = readVal("length of " + type.displayName + " at " + off0);
            // unsigned: a 10-byte varint can set bit 63, and a negative length must not pass
            if (Long.compareUnsigned(evLen, remaining()) > 0) {
                throw new GoTraceFormatException(pos, type.displayName + " at " + off0 + " declares "
                        + Long.toUnsignedString(evLen) + " bytes of arguments but only " + remaining()
                        + " bytes are left");
            }
            int start = pos;
            int end = start + (int) evLen;
            // Each varint takes at least one byte, so evLen bounds the count.
            args = new long[(int) evLen];
            int n = 0;
            while (pos < end) {
                args[n++] = readVal("argument " + (n + 1) + " of " + type.displayName + " at " + off0);
            }
            if (pos != end) {
                throw new GoTraceFormatException(off0, type.displayName + " has wrong length: declared "
                        + evLen + " bytes, its arguments take " + (pos - start));
            }
            args = Arrays.copyOf(args, n);
        }
        String text = null;
        if (type == EventType.USER_LOG) {
            // The logged value follows the argument list, outside the declared length.
            text = readBytes(readVal("value length of UserLog at " + off0), "UserLog value at " + off0);
        }
        return new RawEvent(off0, type, args, text);
    }

    private RawEvent readString(int off0) throws GoTraceFormatException {
        long id = readVal("string id at " + off0);
        if (id == 0) {
            throw new GoTraceFormatException(off0, "string has the reserved id 0");
        }
        long len = readVal("string length at " + off0);
        if (len == 0) {
            throw new GoTraceFormatException(off0, "string " + id + " has length 0");
        }
        String s = readBytes(len, "string " + id + " at " + off0);
        return new RawEvent(off0, EventType.STRING, new long[] {id}, s);
    }

    private String readBytes(long len, String what) throws GoTraceFormatException {
        if (len == 0) {
            return "";
        }
        if (len > MAX_STRING || len < 0) {
            throw new GoTraceFormatException(pos, what + " is too long: " + Long.toUnsignedString(len)
                    + " bytes (at most " + MAX_STRING + " expected)");
        }
        if (len > remaining()) {
            throw new GoTraceFormatException(pos, what + " needs " + len + " bytes but only "
                    + remaining() + " are left");
        }
        String s = new String(data, pos, (int) len, StandardCharsets.UTF_8);
        pos += (int) len;
        return s;
    }

    /** Unsigned LEB128, at most 10 bytes. */
    private long readVal(String what) throws GoTraceFormatException {
        int off0 = pos;
        long v = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            if (pos >= data.length) {
                throw new GoTraceFormatException(pos, "unexpected end of file in varint (" + what
                        + ", started at " + off0 + "): expected " + (i == 0 ? "a" : "another") + " byte");
            }
            int b = data[pos++] & 0xff;
            v |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new GoTraceFormatException(off0, "varint longer than 10 bytes (" + what + ")");
    }

    private long remaining() {
        return data.length - pos;
    }
}
