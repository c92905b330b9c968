package io.preemptscope.gotrace.v1;

/**
 * An event while it is being ordered and checked. Mutable on purpose: ordering rewrites Local types
 * and GoSysExit times, validation moves events to pseudo-Ps, as Go's parser does in place.
 */
final class V1Event {
    final int offset;
    EventType type;
    /** Ticks until ordering is done, nanoseconds since the first event afterwards. */
    long ts;
    /** Go 1.5 only: the global sequence number that orders events. */
    long seq;
    int p;
    long g;
    long stackId;
    final long[] args = new long[3];
    String[] stringArgs = NO_STRINGS;

    static final String[] NO_STRINGS = new String[0];

    V1Event(int offset, EventType type, int p, long g) {
        this.offset = offset;
        this.type = type;
        this.p = p;
        this.g = g;
    }
}
