package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoTraceFormatException;

/** Raw events one at a time, from the binary or the text form. */
interface RawSource {
    /** The Go minor version the header names, e.g. 22. */
    int minor();

    /** The next event, or null at the end of the input. */
    RawEvent next() throws GoTraceFormatException;

    /** Where reading stands, for messages about the end of the input (byte offset or line). */
    long position();

    /** An error at a position of this source: a byte offset for binary input, a line for text. */
    default GoTraceFormatException error(long position, String problem) {
        return new GoTraceFormatException(position, problem);
    }
}
