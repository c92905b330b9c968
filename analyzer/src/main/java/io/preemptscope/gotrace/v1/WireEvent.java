package io.preemptscope.gotrace.v1;

import java.util.Arrays;

/**
 * The event a {@link WireReader} framed last. One holder is reused from event to event, so framing
 * a trace of millions of events allocates nothing but the strings it defines.
 */
final class WireEvent {
    int offset;
    EventType type;
    /** Every varint after the type byte; for a String event only its id. */
    long[] args = new long[8];
    int argCount;
    /** The inline bytes of a String or UserLog event, else null. */
    String text;

    long arg(int i) {
        return args[i];
    }

    /** Room for {@code n} arguments; n is bounded by the bytes left in the file. */
    void ensureCapacity(int n) {
        if (args.length < n) {
            args = Arrays.copyOf(args, Math.max(n, 2 * args.length));
        }
    }
}
