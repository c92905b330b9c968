package io.preemptscope.gotrace;

import java.util.List;
import java.util.Set;

/**
 * A decoded Go execution trace, or (with no events) what a streaming decode tells besides them.
 *
 * @param format wire format id: {@code gotrace-v1}, {@code gotrace-v2} or {@code gotrace-v2-text}
 * @param version the release named in the header, e.g. {@code 1.19} (Go 1.20 writes 1.19 too)
 * @param headerReleases the releases that write this header
 * @param formatSince the first release that writes this wire format: runtime behaviour that dates
 *     older releases cannot narrow {@code headerReleases} down
 * @param ticksPerSecond the trace clock's frequency (of the last generation, where there are several)
 * @param generations how many generations the trace has (1 for formats without them)
 * @param events every event, ordered as Go's parser orders them
 * @param timerGoroutines goroutines a TimerGoroutine event named (only Go 1.13 and earlier have one)
 */
public record GoTrace(String format, String version, GoVersionRange headerReleases, String formatSince,
        long ticksPerSecond, int generations, List<GoEvent> events, Set<Long> timerGoroutines) {

    /** The same trace without its events: what a streaming decode returns. */
    public GoTrace header() {
        return new GoTrace(format, version, headerReleases, formatSince, ticksPerSecond, generations, List.of(),
                timerGoroutines);
    }
}
