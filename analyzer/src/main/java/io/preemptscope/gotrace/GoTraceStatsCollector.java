package io.preemptscope.gotrace;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Computes {@link GoTraceStats} from a decoded trace and its analysis. */
public final class GoTraceStatsCollector {
    private static final int SIGNIFICANT_DIGITS = 3;

    private GoTraceStatsCollector() {}

    public static GoTraceStats of(GoTrace trace, GoTraceAnalysis analysis) {
        Map<String, Long> types = new TreeMap<>();
        Set<Long> goroutines = new HashSet<>();
        Set<Integer> procs = new HashSet<>();
        Set<Long> threads = new HashSet<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (GoEvent e : trace.events()) {
            types.merge(e.type(), 1L, Long::sum);
            first = Math.min(first, e.tsNs());
            last = Math.max(last, e.tsNs());
            if (e.g() != 0) {
                goroutines.add(e.g());
            }
            switch (e.type()) {
                case "GoCreate", "GoUnblock", "GoSysExit", "GoWaiting", "GoInSyscall" -> goroutines.add(e.arg("g"));
                case "ProcStart" -> threads.add(e.arg("thread"));
                default -> { }
            }
            if (FakeP.isReal(e.p())) {
                procs.add(e.p());
            }
        }
        goroutines.remove(0L);
        long duration = trace.events().isEmpty() ? 0 : last - first;
        return new GoTraceStats(trace.format(), trace.version(), analysis.versions().label(), trace.events().size(),
                types, goroutines.size(), procs.size(), threads.size(), duration,
                new GoTraceStats.Preemptions(analysis.asyncPreemptions(), analysis.cooperativePreemptions()),
                runSlices(analysis));
    }

    /** Slice-length percentiles (HdrHistogram) with the exact maximum; shared by both trace formats. */
    public static GoTraceStats.RunSlices runSlices(GoTraceAnalysis analysis) {
        if (analysis.slices().isEmpty()) {
            return new GoTraceStats.RunSlices(0, 0, 0, 0);
        }
        Histogram h = new Histogram(SIGNIFICANT_DIGITS);
        long max = 0;
        for (RunSlice s : analysis.slices()) {
            long d = Math.max(0, s.durationNs());
            h.recordValue(d);
            max = Math.max(max, d);
        }
        // A histogram bucket reports its upper edge, which can exceed the real maximum; never print p99 > max.
        return new GoTraceStats.RunSlices(analysis.slices().size(), Math.min(h.getValueAtPercentile(50), max),
                Math.min(h.getValueAtPercentile(99), max), max);
    }
}
