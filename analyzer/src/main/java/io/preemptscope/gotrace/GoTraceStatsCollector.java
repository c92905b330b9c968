package io.preemptscope.gotrace;

import io.preemptscope.util.LongMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Computes {@link GoTraceStats} of a v1 trace from its events as they stream past, so the figures
 * of a trace of any size take memory for its goroutines and Ps only, never for its events.
 */
public final class GoTraceStatsCollector implements Consumer<GoEvent> {
    private static final Boolean SEEN = Boolean.TRUE;

    private final Map<String, long[]> types = new HashMap<>();
    private final LongMap<Boolean> goroutines = new LongMap<>();
    private final LongMap<Boolean> procs = new LongMap<>();
    private final LongMap<Boolean> threads = new LongMap<>();
    private final SliceHistogram slices = new SliceHistogram();
    private final RunSliceTracker tracker;
    private long events;
    private final PreemptionTally preemptions = new PreemptionTally();
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    public GoTraceStatsCollector() {
        tracker = new RunSliceTracker(new RunSliceTracker.Listener() {
            @Override
            public void slice(RunSlice slice) {
                slices.record(slice);
            }

            @Override
            public void preemption(Preemption p) {
                preemptions.add(p);
            }
        });
    }

    /** The figures of a trace decoded whole. */
    public static GoTraceStats of(GoTrace trace) {
        GoTraceStatsCollector c = new GoTraceStatsCollector();
        trace.events().forEach(c);
        return c.stats(trace);
    }

    @Override
    public void accept(GoEvent e) {
        events++;
        long[] n = types.get(e.type());
        if (n == null) {
            types.put(e.type(), new long[] {1});
        } else {
            n[0]++;
        }
        first = Math.min(first, e.tsNs());
        last = Math.max(last, e.tsNs());
        if (e.g() != 0) {
            goroutines.put(e.g(), SEEN);
        }
        switch (e.type()) {
            case "GoCreate", "GoUnblock", "GoSysExit", "GoWaiting", "GoInSyscall" -> goroutines.put(e.arg("g"), SEEN);
            case "ProcStart" -> threads.put(e.arg("thread"), SEEN);
            default -> { }
        }
        if (FakeP.isReal(e.p())) {
            procs.put(e.p(), SEEN);
        }
        tracker.accept(e);
    }

    /**
     * The figures of every event accepted so far.
     *
     * @param header the decoded trace's format, version and timer goroutines (its events are not read)
     */
    public GoTraceStats stats(GoTrace header) {
        tracker.finish();
        goroutines.remove(0L);
        Map<String, Long> byName = new TreeMap<>();
        types.forEach((k, v) -> byName.put(k, v[0]));
        long duration = events == 0 ? 0 : last - first;
        GoVersionRange versions = GoTraceAnalysis.versions(header, tracker.asyncPreemptionSeen(),
                tracker.sleepWokenByScheduler());
        return new GoTraceStats(header.format(), header.version(), versions.label(), events, byName,
                goroutines.size(), procs.size(), threads.size(), duration,
                new GoTraceStats.Preemptions(preemptions.async(), preemptions.cooperative()), slices.summary());
    }
}
