package io.preemptscope.gotrace;

import java.util.ArrayList;
import java.util.Comparator;
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
        slices.sort(Comparator.comparingLong(RunSlice::startNs).thenComparingInt(RunSlice::p));
        return new GoTraceAnalysis(List.copyOf(slices), List.copyOf(preemptions),
                TraceReleases.of(trace, tracker.asyncPreemptionSeen(), tracker.sleepWokenByScheduler()));
    }

    public long asyncPreemptions() {
        return preemptions.stream().filter(p -> p.kind() == PreemptionKind.ASYNC).count();
    }

    public long cooperativePreemptions() {
        return preemptions.size() - asyncPreemptions();
    }
}
