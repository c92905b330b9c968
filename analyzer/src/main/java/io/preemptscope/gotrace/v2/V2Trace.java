package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTrace;
import java.util.List;

/**
 * A decoded v2 trace: the events in Go's order, each with its thread.
 *
 * @param format {@code gotrace-v2} (binary) or {@code gotrace-v2-text}
 * @param minor Go minor version of the header, e.g. 22
 * @param generations how many generations the trace has
 */
public record V2Trace(String format, int minor, int generations, long ticksPerSecond, List<V2Event> events) {

    /** The format-neutral view that the CLI prints. */
    public GoTrace goTrace() {
        List<GoEvent> plain = events.stream().map(V2Event::event).toList();
        return new GoTrace(format, "1." + minor, ticksPerSecond, plain, java.util.Set.of());
    }
}
