package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.GoTraceFormatException;

/**
 * Go's check that the merged stream respects time: the merge follows sequence numbers, so a clock
 * that disagrees with them shows up here (the tests of Go's parser skip such traces). It keeps the
 * previous event's time, not the event: later steps rewrite an event's time in place.
 */
final class TimeOrder {
    private boolean started;
    private long previousTs;
    private int previousOffset;

    void accept(V1Event ev) throws GoTraceFormatException {
        if (started && ev.ts < previousTs) {
            throw new GoTraceFormatException(ev.offset, "time stamps out of order: " + ev.type.displayName
                    + " is earlier than the event at offset " + previousOffset + " that must precede it");
        }
        started = true;
        previousTs = ev.ts;
        previousOffset = ev.offset;
    }
}
