package io.preemptscope.gotrace;

import java.util.List;
import java.util.Set;

/**
 * A decoded Go execution trace.
 *
 * @param format wire format id, e.g. {@code gotrace-v1}
 * @param version the release named in the header, e.g. {@code 1.19} (Go 1.20 writes 1.19 too)
 * @param ticksPerSecond the trace clock's frequency from the Frequency event
 * @param events every event, ordered as Go's parser orders them
 * @param timerGoroutines goroutines a TimerGoroutine event named (only Go 1.13 and earlier have one)
 */
public record GoTrace(String format, String version, long ticksPerSecond, List<GoEvent> events,
        Set<Long> timerGoroutines) {}
