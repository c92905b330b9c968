package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoTraceAnalysis;
import io.preemptscope.gotrace.GoVersionRange;
import io.preemptscope.gotrace.Preemption;
import io.preemptscope.gotrace.RunSlice;
import io.preemptscope.gotrace.RunSliceTracker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Run slices and preemptions of a decoded v2 trace, in the format-neutral {@link GoTraceAnalysis} terms. */
public final class V2Analysis {
    private V2Analysis() {}

    public static GoTraceAnalysis of(V2Trace trace) {
        List<RunSlice> slices = new ArrayList<>();
        List<Preemption> preemptions = new ArrayList<>();
        V2SliceTracker tracker = new V2SliceTracker(RunSliceTracker.Listener.of(slices::add, preemptions::add));
        trace.events().forEach(tracker::accept);
        tracker.finish();
        slices.sort(Comparator.comparingLong(RunSlice::startNs).thenComparingInt(RunSlice::p));
        return new GoTraceAnalysis(List.copyOf(slices), List.copyOf(preemptions), versions(trace));
    }

    /** The header names the release, except that Go 1.24 writes "go 1.23". */
    public static GoVersionRange versions(V2Trace trace) {
        String v = "1." + trace.minor();
        String highest = trace.minor() == 23 ? "1.24" : v;
        return new GoVersionRange(v, highest, List.of("header \"go " + v + " trace\""));
    }
}
