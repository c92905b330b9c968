package io.preemptscope.gotrace.v2;

import java.util.List;

/**
 * A decoded v2 trace: the events in Go's order, each with its thread.
 *
 * @param format {@code gotrace-v2} (binary) or {@code gotrace-v2-text}
 * @param minor Go minor version of the header, e.g. 22
 * @param generations how many generations the trace has
 */
public record V2Trace(String format, int minor, int generations, long ticksPerSecond, List<V2Event> events) {}
