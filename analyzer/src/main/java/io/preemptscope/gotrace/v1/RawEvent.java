package io.preemptscope.gotrace.v1;

/**
 * An event as framed on the wire, before any meaning is given to its arguments.
 *
 * @param args every varint after the type byte (for String events: none, see {@code text})
 * @param text the inline bytes of a String or UserLog event, else null
 */
record RawEvent(int offset, EventType type, long[] args, String text) {}
