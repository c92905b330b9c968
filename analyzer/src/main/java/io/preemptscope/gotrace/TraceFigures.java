package io.preemptscope.gotrace;

import io.preemptscope.util.LongMap;

/**
 * The running totals behind {@link GoTraceStats}: the collector feeds the ids each event names,
 * and the tracker the slices and preemptions it finds.
 */
public final class TraceFigures implements RunSliceTracker.Listener {
    private static final Boolean SEEN = Boolean.TRUE;

    private final EventCounts counts = new EventCounts();
    private final LongMap<Boolean> goroutines = new LongMap<>();
    private final LongMap<Boolean> procs = new LongMap<>();
    private final LongMap<Boolean> threads = new LongMap<>();
    private final SliceHistogram slices = new SliceHistogram();
    private final PreemptionTally preemptions = new PreemptionTally();

    public void event(GoEvent e) {
        counts.add(e);
    }

    /** Goroutine 0 (none) is never counted. */
    public void goroutine(long g) {
        if (g != 0) {
            goroutines.put(g, SEEN);
        }
    }

    public void proc(long p) {
        procs.put(p, SEEN);
    }

    public void thread(long t) {
        threads.put(t, SEEN);
    }

    @Override
    public void slice(RunSlice slice) {
        slices.record(slice);
    }

    @Override
    public void preemption(Preemption p) {
        preemptions.add(p);
    }

    public GoTraceStats stats(String format, String version, String goVersions) {
        return new GoTraceStats(format, version, goVersions, counts.events(), counts.byName(), goroutines.size(),
                procs.size(), threads.size(), counts.durationNs(),
                new GoTraceStats.Preemptions(preemptions.async(), preemptions.cooperative()), slices.summary());
    }
}
