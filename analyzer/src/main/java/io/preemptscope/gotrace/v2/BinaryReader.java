package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoTraceFormatException;
import java.util.Arrays;

/**
 * Frames the v2 byte stream into raw events, one after the other, like Go's raw reader: it does not
 * look at batch sizes or generations (that is {@link GenerationReader}'s job), so its output can be
 * compared with the text form. Every count and length read from the file is checked against the
 * bytes that are left before anything is allocated from it.
 */
final class BinaryReader implements RawSource {
    private static final int MAX_VARINT_BYTES = 10;
    /** Go's MaxStringSize (1 KiB) is for string table entries; batch data may be up to 64 KiB. */
    private static final long MAX_DATA = 64 << 10;

    private final byte[] data;
    private final int minor;
    private int pos;

    BinaryReader(byte[] data) throws GoTraceFormatException {
        this.data = data;
        this.minor = TraceVersion.parseHeader(data);
        this.pos = TraceVersion.HEADER_LENGTH;
    }

    @Override
    public int minor() {
        return minor;
    }

    @Override
    public RawEvent next() throws GoTraceFormatException {
        if (pos >= data.length) {
            return null;
        }
        int start = pos;
        int code = data[pos++] & 0xff;
        EventType type = EventType.forCode(code, minor);
        if (type == null) {
            throw new GoTraceFormatException(start, "unknown event type " + code + " for a go 1." + minor
                    + " trace: expected an event type byte");
        }
        String what = type.displayName + " at " + start;
        long[] args = new long[type.argNames.size()];
        int i = 0;
        if (type == EventType.EXPERIMENTAL_BATCH) {
            if (pos >= data.length) {
                throw truncated(start, "the experiment id byte of " + what);
            }
            args[i++] = data[pos++] & 0xff;
        }
        for (; i < args.length; i++) {
            args[i] = uvarint(type.argNames.get(i) + " of " + what);
        }
        byte[] bytes = new byte[0];
        if (type.shape == EventType.Shape.STACK) {
            long n = args[1];
            // Each frame takes at least 4 bytes, so the frame count is bounded by what is left.
            if (Long.compareUnsigned(n, EventType.MAX_FRAMES) > 0) {
                throw new GoTraceFormatException(start, what + " has " + Long.toUnsignedString(n)
                        + " frames: expected at most " + EventType.MAX_FRAMES);
            }
            if (n * 4 > remaining()) {
                throw truncated(pos, n + " frames of " + what + " (at least " + n * 4 + " bytes)");
            }
            long[] all = Arrays.copyOf(args, args.length + (int) n * 4);
            for (int f = 0; f < n; f++) {
                for (int k = 0; k < 4; k++) {
                    all[args.length + f * 4 + k] = uvarint(EventType.FRAME_FIELDS.get(k) + " of frame " + (f + 1)
                            + " of " + what);
                }
            }
            args = all;
        } else if (type.shape == EventType.Shape.DATA) {
            long len = uvarint("data length of " + what);
            if (Long.compareUnsigned(len, MAX_DATA) > 0) {
                throw new GoTraceFormatException(pos, what + " declares " + Long.toUnsignedString(len)
                        + " bytes of data: expected at most " + MAX_DATA);
            }
            if (len > remaining()) {
                throw truncated(pos, len + " bytes of data of " + what + " (" + remaining() + " left)");
            }
            bytes = Arrays.copyOfRange(data, pos, pos + (int) len);
            pos += (int) len;
        }
        return new RawEvent(type, args, bytes, start, pos - start);
    }

    @Override
    public long position() {
        return pos;
    }

    /** Unsigned LEB128 of at most 10 bytes; non-minimal encodings are fine (the runtime pads sizes). */
    private long uvarint(String what) throws GoTraceFormatException {
        int start = pos;
        long v = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            if (pos >= data.length) {
                throw truncated(pos, "a varint byte (" + what + ", started at " + start + ")");
            }
            int b = data[pos++] & 0xff;
            if (i == MAX_VARINT_BYTES - 1 && b > 1) {
                throw new GoTraceFormatException(start, "varint overflows 64 bits (" + what + ")");
            }
            v |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new GoTraceFormatException(start, "varint longer than 10 bytes (" + what + ")");
    }

    private long remaining() {
        return data.length - pos;
    }

    private static GoTraceFormatException truncated(long offset, String expected) {
        return new GoTraceFormatException(offset, "unexpected end of file: expected " + expected);
    }
}
