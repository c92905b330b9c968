package io.preemptscope.gotrace;

import java.util.ArrayList;
import java.util.List;

/**
 * Which Go releases could have written a trace: the header's range, narrowed by runtime behaviour
 * the events showed. Only a wire format older than that behaviour can be told apart by it (every
 * release that writes the Go 1.22+ format preempts asynchronously).
 */
public final class TraceReleases {
    private static final String ASYNC_PREEMPTION = "1.14";
    private static final String TIMERS_ON_GOROUTINE = "1.13";

    private TraceReleases() {}

    /**
     * @param header the decoded trace's header (its events are not read)
     * @param async an async preemption was seen
     * @param sleepWokenByScheduler a sleeping goroutine was woken with no goroutine running
     */
    public static GoVersionRange of(GoTrace header, boolean async, boolean sleepWokenByScheduler) {
        GoVersionRange releases = header.headerReleases();
        if (minor(header.formatSince()) > minor(ASYNC_PREEMPTION)) {
            return releases;
        }
        String lowest = releases.lowest();
        String highest = releases.highest();
        List<String> evidence = new ArrayList<>(releases.evidence());
        if (async) {
            evidence.add("runtime.asyncPreempt frames: async preemption (Go 1.14+)");
            lowest = maxVersion(lowest, ASYNC_PREEMPTION);
        }
        if (sleepWokenByScheduler) {
            evidence.add("a sleeping goroutine woken with no goroutine running: timers on the Ps (Go 1.14+)");
            lowest = maxVersion(lowest, ASYNC_PREEMPTION);
        }
        if (!header.timerGoroutines().isEmpty()) {
            evidence.add("TimerGoroutine events: timers run on a goroutine (Go 1.13 and earlier)");
            highest = minVersion(highest, TIMERS_ON_GOROUTINE);
        }
        return new GoVersionRange(lowest, highest, List.copyOf(evidence));
    }

    /** The range a header alone names, with the header as its evidence. */
    public static GoVersionRange header(String version, String lowest, String highest) {
        return new GoVersionRange(lowest, highest, List.of("header \"go " + version + " trace\""));
    }

    private static int minor(String v) {
        return Integer.parseInt(v.substring(v.indexOf('.') + 1));
    }

    private static String maxVersion(String a, String b) {
        return minor(a) >= minor(b) ? a : b;
    }

    private static String minVersion(String a, String b) {
        return minor(a) <= minor(b) ? a : b;
    }
}
