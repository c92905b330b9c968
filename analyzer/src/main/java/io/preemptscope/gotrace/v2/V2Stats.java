package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTraceAnalysis;
import io.preemptscope.gotrace.GoTraceStats;
import io.preemptscope.gotrace.SliceHistogram;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link GoTraceStats} for a v2 trace. Unlike v1, threads are the OS thread ids of the batches, and
 * goroutines and Ps are also counted where an event names them (GoStatus, GoCreate, ProcStatus …).
 */
public final class V2Stats {
    private V2Stats() {}

    public static GoTraceStats of(V2Trace trace) {
        GoTraceAnalysis analysis = V2Analysis.of(trace);
        Map<String, Long> types = new TreeMap<>();
        Set<Long> goroutines = new HashSet<>();
        Set<Long> procs = new HashSet<>();
        Set<Long> threads = new HashSet<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (V2Event v : trace.events()) {
            GoEvent e = v.event();
            types.merge(e.type(), 1L, Long::sum);
            first = Math.min(first, e.tsNs());
            last = Math.max(last, e.tsNs());
            if (e.g() != 0) {
                goroutines.add(e.g());
            }
            if (e.p() >= 0) {
                procs.add((long) e.p());
            }
            if (v.thread() != Ordering.NONE) {
                threads.add(v.thread());
            }
            for (String g : new String[] {"g", "new_g"}) {
                if (e.args().containsKey(g)) {
                    goroutines.add(e.args().get(g));
                }
            }
            if (e.args().containsKey("p") && !e.type().equals("CPUSample")) {
                procs.add(e.args().get("p"));
            }
        }
        goroutines.remove(0L);
        long duration = trace.events().isEmpty() ? 0 : last - first;
        return new GoTraceStats(trace.format(), "1." + trace.minor(), analysis.versions().label(),
                trace.events().size(), types, goroutines.size(), procs.size(), threads.size(), duration,
                new GoTraceStats.Preemptions(analysis.asyncPreemptions(), analysis.cooperativePreemptions()),
                runSlices(analysis));
    }

    private static GoTraceStats.RunSlices runSlices(GoTraceAnalysis analysis) {
        SliceHistogram h = new SliceHistogram();
        analysis.slices().forEach(h::record);
        return h.summary();
    }
}
