package io.preemptscope.gotrace;

import java.util.ArrayList;
import java.util.List;

/**
 * What a decoded trace says about scheduling: run slices, preemptions and their mechanism, and
 * which Go releases could have produced it.
 */
public record GoTraceAnalysis(List<RunSlice> slices, List<Preemption> preemptions, GoVersionRange versions) {

    public static GoTraceAnalysis of(GoTrace trace) {
        List<RunSlice> slices = new ArrayList<>();
        List<Preemption> preemptions = new ArrayList<>();
        RunSliceTracker tracker = new RunSliceTracker(RunSliceTracker.Listener.of(slices::add, preemptions::add));
        for (GoEvent e : trace.events()) {
            tracker.accept(e);
        }
        tracker.finish();
        slices.sort(java.util.Comparator.comparingLong(RunSlice::startNs).thenComparingInt(RunSlice::p));
        return new GoTraceAnalysis(List.copyOf(slices), List.copyOf(preemptions),
                versions(trace, tracker.asyncPreemptionSeen(), tracker.sleepWokenByScheduler()));
    }

    public long asyncPreemptions() {
        return preemptions.stream().filter(p -> p.kind() == PreemptionKind.ASYNC).count();
    }

    public long cooperativePreemptions() {
        return preemptions.size() - asyncPreemptions();
    }

    /** Which releases write this header, narrowed by behaviour the events showed. */
    static GoVersionRange versions(GoTrace trace, boolean async, boolean sleepWokenByScheduler) {
        String header = trace.version();
        String[] range = switch (header) {
            case "1.5" -> new String[] {"1.5", "1.6"};
            case "1.11" -> new String[] {"1.11", "1.18"};
            case "1.19" -> new String[] {"1.19", "1.20"};
            default -> new String[] {header, header};
        };
        List<String> evidence = new ArrayList<>();
        evidence.add("header \"go " + header + " trace\"");
        boolean timerGoroutine = !trace.timerGoroutines().isEmpty();
        if (async) {
            evidence.add("runtime.asyncPreempt frames: async preemption (Go 1.14+)");
            range[0] = maxVersion(range[0], "1.14");
        }
        if (sleepWokenByScheduler) {
            evidence.add("a sleeping goroutine woken with no goroutine running: timers on the Ps (Go 1.14+)");
            range[0] = maxVersion(range[0], "1.14");
        }
        if (timerGoroutine) {
            evidence.add("TimerGoroutine events: timers run on a goroutine (Go 1.13 and earlier)");
            range[1] = minVersion(range[1], "1.13");
        }
        return new GoVersionRange(range[0], range[1], List.copyOf(evidence));
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
