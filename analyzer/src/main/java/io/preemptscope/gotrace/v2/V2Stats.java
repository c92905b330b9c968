package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTraceStats;
import io.preemptscope.gotrace.Preemption;
import io.preemptscope.gotrace.PreemptionTally;
import io.preemptscope.gotrace.RunSlice;
import io.preemptscope.gotrace.RunSliceTracker;
import io.preemptscope.gotrace.SliceHistogram;
import io.preemptscope.util.LongMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@link GoTraceStats} for a v2 trace, from its events as they stream past. Unlike v1, threads are
 * the OS thread ids of the batches, and goroutines and Ps are also counted where an event names
 * them (GoStatus, GoCreate, ProcStatus …).
 */
public final class V2Stats implements Consumer<V2Event> {
    private static final Boolean SEEN = Boolean.TRUE;

    private final Map<String, long[]> types = new HashMap<>();
    private final LongMap<Boolean> goroutines = new LongMap<>();
    private final LongMap<Boolean> procs = new LongMap<>();
    private final LongMap<Boolean> threads = new LongMap<>();
    private final SliceHistogram slices = new SliceHistogram();
    private final PreemptionTally preemptions = new PreemptionTally();
    private final V2SliceTracker tracker;
    private long events;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    public V2Stats() {
        tracker = new V2SliceTracker(new RunSliceTracker.Listener() {
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
    public static GoTraceStats of(V2Trace trace) {
        V2Stats s = new V2Stats();
        trace.events().forEach(s);
        return s.stats(trace);
    }

    @Override
    public void accept(V2Event v) {
        GoEvent e = v.event();
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
        if (e.p() >= 0) {
            procs.put(e.p(), SEEN);
        }
        if (v.thread() != Ordering.NONE) {
            threads.put(v.thread(), SEEN);
        }
        for (String g : new String[] {"g", "new_g"}) {
            Long id = e.args().get(g);
            if (id != null) {
                goroutines.put(id, SEEN);
            }
        }
        Long p = e.args().get("p");
        if (p != null && !e.type().equals("CPUSample")) {
            procs.put(p, SEEN);
        }
        tracker.accept(v);
    }

    /**
     * The figures of every event accepted so far.
     *
     * @param header the trace's format and version (its events are not read)
     */
    public GoTraceStats stats(V2Trace header) {
        tracker.finish();
        goroutines.remove(0L);
        Map<String, Long> byName = new TreeMap<>();
        types.forEach((k, c) -> byName.put(k, c[0]));
        long duration = events == 0 ? 0 : last - first;
        return new GoTraceStats(header.format(), "1." + header.minor(), V2Analysis.versions(header).label(), events,
                byName, goroutines.size(), procs.size(), threads.size(), duration,
                new GoTraceStats.Preemptions(preemptions.async(), preemptions.cooperative()), slices.summary());
    }
}
