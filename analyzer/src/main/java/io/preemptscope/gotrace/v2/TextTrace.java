package io.preemptscope.gotrace.v2;

import java.util.List;

/**
 * A text trace as read: its version line, its expectation (absent in dumps without the txtar
 * sections, such as cmd/trace's go122.test) and its raw events.
 */
public record TextTrace(int minor, Expectation expectation, List<RawEvent> events) {

    /** The events as a {@link RawSource}; position() is the line after the last event. */
    RawSource source() {
        return new RawSource() {
            private int next;

            @Override
            public int minor() {
                return minor;
            }

            @Override
            public RawEvent next() {
                return next < events.size() ? events.get(next++) : null;
            }

            @Override
            public io.preemptscope.gotrace.GoTraceFormatException error(long line, String problem) {
                return io.preemptscope.gotrace.GoTraceFormatException.whole("line " + line + ": " + problem);
            }

            @Override
            public long position() {
                return next < events.size() ? events.get(next).offset() : events.isEmpty() ? 0
                        : events.get(events.size() - 1).offset() + 1;
            }
        };
    }
}
