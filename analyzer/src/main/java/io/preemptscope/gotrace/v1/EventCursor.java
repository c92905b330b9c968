package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.GoTraceFormatException;

/** One P's events in the order it wrote them: the input of the merge. */
interface EventCursor {
    /** The next event, or null when there are no more; decoding it may fail. */
    V1Event peek() throws GoTraceFormatException;

    /** Moves past the event {@link #peek()} returned. */
    void pop();
}
