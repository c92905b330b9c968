package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.GoTraceFormatException;

/**
 * Go's check that the merged stream respects time: the merge follows sequence numbers, so a clock
 * that disagrees with them shows up here (the tests of Go's parser skip such traces).
 */
final class TimeOrder {
    private V1Event previous;

    void accept(V1Event ev) throws GoTraceFormatException {
        if (previous != null && ev.ts < previous.ts) {
            throw new GoTraceFormatException(ev.offset, "time stamps out of order: " + ev.type.displayName
                    + " is earlier than the event at offset " + previous.offset + " that must precede it");
        }
        previous = ev;
    }
}
