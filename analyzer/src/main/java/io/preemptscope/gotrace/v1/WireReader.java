package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.GoTraceFormatException;
import java.nio.charset.StandardCharsets;

/**
 * Frames the v1 byte stream into raw events (Go's readTrace). Every length read from the file is
 * checked against the bytes that are left before anything is allocated from it. A reader can start
 * at any event boundary, which is how each P's batches are read again during the merge.
 */
final class WireReader {
    /** Go's parser refuses longer strings; the runtime never writes them. */
    private static final long MAX_STRING = 1_000_000;
    /** traceBytesPerNumber: a uint64 needs at most 10 LEB128 bytes. */
    private static final int MAX_VARINT_BYTES = 10;

    private final byte[] data;
    private final int version;
    private final EventType[] types;
    private int pos;

    WireReader(byte[] data, int start, int version) {
        this.data = data;
        this.pos = start;
        this.version = version;
        this.types = EventType.table(version);
    }

    boolean atEnd() {
        return pos >= data.length;
    }

    int position() {
        return pos;
    }

    void seek(int offset) {
        pos = offset;
    }

    /** Frames the next event into {@code ev}. */
    void next(WireEvent ev) throws GoTraceFormatException {
        int off0 = pos;
        int b = data[pos++] & 0xff;
        int code = b & 0x3f;
        int narg = (b >>> 6) + 1;
        int inlineArgs = 4;
        if (version < 1007) {
            narg++; // 1.5 put a sequence number before the timestamp
            inlineArgs++;
        }
        EventType type = types[code];
        if (type == null) {
            throw new GoTraceFormatException(off0, "unknown event type " + code + " (byte 0x"
                    + Integer.toHexString(b) + ") for a go " + Versions.name(version) + " trace");
        }
        ev.offset = off0;
        ev.type = type;
        ev.text = null;
        if (type == EventType.STRING) {
            readString(ev);
            return;
        }
        ev.argCount = 0;
        try {
            if (narg < inlineArgs) {
                for (int n = 0; n < narg; n++) {
                    ev.argCount = n;
                    ev.args[n] = readVal();
                }
                ev.argCount = narg;
            } else {
                readLongArgs(ev);
            }
        } catch (VarintProblem p) {
            throw p.in("argument " + (ev.argCount + 1) + " of " + type.displayName + " at " + off0);
        }
        if (type == EventType.USER_LOG) {
            // The logged value follows the argument list, outside the declared length.
            long len;
            try {
                len = readVal();
            } catch (VarintProblem p) {
                throw p.in("value length of UserLog at " + off0);
            }
            ev.text = readBytes(len, "UserLog value at " + off0);
        }
    }

    private void readLongArgs(WireEvent ev) throws GoTraceFormatException, VarintProblem {
        int off0 = ev.offset;
        String name = ev.type.displayName;
        long evLen;
        try {
            evLen = readVal();
        } catch (VarintProblem p) {
            throw p.in("length of " + name + " at " + off0);
        }
        // unsigned: a 10-byte varint can set bit 63, and a negative length must not pass
        if (Long.compareUnsigned(evLen, remaining()) > 0) {
            throw new GoTraceFormatException(pos, name + " at " + off0 + " declares "
                    + Long.toUnsignedString(evLen) + " bytes of arguments but only " + remaining()
                    + " bytes are left");
        }
        int start = pos;
        int end = start + (int) evLen;
        // Each varint takes at least one byte, so evLen bounds the count.
        ev.ensureCapacity((int) evLen);
        int n = 0;
        while (pos < end) {
            ev.argCount = n;
            ev.args[n++] = readVal();
        }
        ev.argCount = n;
        if (pos != end) {
            throw new GoTraceFormatException(off0, name + " has wrong length: declared "
                    + evLen + " bytes, its arguments take " + (pos - start));
        }
    }

    private void readString(WireEvent ev) throws GoTraceFormatException {
        int off0 = ev.offset;
        long id;
        long len;
        try {
            id = readVal();
        } catch (VarintProblem p) {
            throw p.in("string id at " + off0);
        }
        if (id == 0) {
            throw new GoTraceFormatException(off0, "string has the reserved id 0");
        }
        try {
            len = readVal();
        } catch (VarintProblem p) {
            throw p.in("string length at " + off0);
        }
        if (len == 0) {
            throw new GoTraceFormatException(off0, "string " + id + " has length 0");
        }
        ev.text = readBytes(len, "string " + id + " at " + off0);
        ev.args[0] = id;
        ev.argCount = 1;
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

    /**
     * Unsigned LEB128, at most 10 bytes. The caller names what was being read only when this
     * fails: building that description for every varint cost more than the decoding itself.
     */
    private long readVal() throws VarintProblem {
        int off0 = pos;
        long v = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            if (pos >= data.length) {
                throw new VarintProblem(pos, off0, "unexpected end of file in varint");
            }
            int b = data[pos++];
            v |= (long) (b & 0x7f) << (7 * i);
            if (b >= 0) {
                return v;
            }
        }
        throw new VarintProblem(off0, off0, "varint longer than 10 bytes");
    }

    private long remaining() {
        return data.length - pos;
    }

    /** A varint that could not be read; the caller adds what it was. */
    private static final class VarintProblem extends Exception {
        private final int offset;
        private final int start;
        private final boolean truncated;

        VarintProblem(int offset, int start, String problem) {
            super(problem, null, false, false);
            this.offset = offset;
            this.start = start;
            this.truncated = problem.startsWith("unexpected");
        }

        GoTraceFormatException in(String what) {
            if (truncated) {
                return new GoTraceFormatException(offset, getMessage() + " (" + what + ", started at " + start
                        + "): expected " + (offset == start ? "a" : "another") + " byte");
            }
            return new GoTraceFormatException(offset, getMessage() + " (" + what + ")");
        }
    }
}
