package io.preemptscope.analysis.kernel;

import io.preemptscope.analysis.join.Delays;
import io.preemptscope.model.sysmon.SysmonConstants;
import io.preemptscope.perf.PerfEvent;
import io.preemptscope.util.IntMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a perf capture shows that strace cannot: when each thread was on a CPU, when the kernel
 * switched it out in the middle of user code, and when a signal was generated as well as
 * delivered. Fed every perf event in order (on the reading thread); read once the capture ends.
 *
 * <p>A user run here is what the strace replay calls one: from a syscall's return (or a signal
 * handler's rt_sigreturn) to the thread's next syscall or signal delivery. Those longer than
 * forcePreemptNS, the runs the model judges, keep their on-CPU time, bounded in number.
 */
public final class KernelView implements Consumer<PerfEvent> {
    private static final int SIGURG = 23;
    /** signal_generate's res: TRACE_SIGNAL_ALREADY_PENDING (kernel/signal.c). */
    private static final String ALREADY_PENDING = "2";
    private static final int MAX_LONG_RUNS = 100_000;
    private static final int BUSIEST_SHOWN = 8;

    private final IntMap<ThreadCpu> threads = new IntMap<>();
    /** The busiest of the threads that have ended, a few at most. */
    private final List<KernelMetrics.ThreadCpu> exited = new ArrayList<>();
    private static final Comparator<KernelMetrics.ThreadCpu> BUSIEST_FIRST = Comparator
            .comparingDouble(KernelMetrics.ThreadCpu::onCpuMs).reversed().thenComparingInt(KernelMetrics.ThreadCpu::tid);
    private final Delays.Recorder onCpu = new Delays.Recorder();
    /** The on-CPU intervals, for the timeline: tid, start, end, how it ended (1 preempted, 0 blocked), in turn. */
    private long[] intervals = new long[4 * 1024];
    private int intervalCount;
    private long intervalsDropped;
    /** At most this many intervals are kept (8 MiB); the figures count them all. */
    public static final int MAX_INTERVALS = 262_144;
    private final Delays.Recorder offCpuInLongRuns = new Delays.Recorder();
    private final Delays.Recorder generateToDeliver = new Delays.Recorder();
    private final Delays.Recorder generateToDeliverRunning = new Delays.Recorder();
    private final Delays.Recorder generateToDeliverOffCpu = new Delays.Recorder();
    /**
     * Long runs by thread and start. Concurrent: the replay reads a run as soon as the event that ends
     * it arrives, while this reader thread goes on ahead (the queue between them orders the two).
     */
    private final Map<ThreadTime, LongRun> longRuns = new java.util.concurrent.ConcurrentHashMap<>();

    /** A moment on one thread: where a run starts, when a signal is delivered. */
    private record ThreadTime(int tid, long ns) {}
    /** Late SIGURG deliveries (past {@link #LATE_DELIVERY_NS}), by thread and delivery time. */
    private final Map<ThreadTime, LateDelivery> lateDeliveries = new HashMap<>();
    private int lateDeliveryCount;
    private static final long LATE_DELIVERY_NS = 100_000L;
    private int longRunCount;
    private long longRunsOffCpu;
    private long involuntary;
    private long voluntary;
    private long switchRecords;
    private long sigurgGenerated;
    private long sigurgAlreadyPending;
    private long sigurgTargetRunning;
    private long sigurgTargetOffCpu;
    private long lastNs = Long.MIN_VALUE;

    /** One user run past forcePreemptNS, with how much of it the thread spent off any CPU. */
    public record LongRun(int tid, long startNs, long endNs, long offCpuNs, int switchedOut) {
        public long onCpuNs() {
            return endNs - startNs - offCpuNs;
        }
    }

    /**
     * A SIGURG delivered late: when it was generated, whether the target was on a CPU then, and when
     * the target was next switched in (-1 when it was on a CPU, or never).
     */
    public record LateDelivery(long generatedNs, Boolean targetOnCpu, long switchedInNs) {}

    private static final class ThreadCpu {
        /** Whether the thread is on a CPU; unknown (null) until its first switch record. */
        Boolean on;
        long since;
        long onCpuNs;
        long involuntary;
        long runStart = Long.MIN_VALUE;
        long runOffCpu;
        int runSwitchedOut;
        /** When the thread was last switched in. */
        long lastIn = -1;
        /** SIGURG generations not yet delivered: when, and whether the thread was on a CPU then. */
        final java.util.ArrayDeque<long[]> pendingSigurg = new java.util.ArrayDeque<>();
    }

    @Override
    public void accept(PerfEvent e) {
        lastNs = Math.max(lastNs, e.timeNs());
        int tid = (int) e.tid();
        PerfEvent.Payload p = e.payload();
        if (p instanceof PerfEvent.Switch s) {
            switched(tid, thread(tid), s, e.timeNs());
        } else if (p instanceof PerfEvent.SyscallEnter) {
            runEnds(tid, e.timeNs());
        } else if (p instanceof PerfEvent.SyscallExit) {
            runStarts(tid, e.timeNs());
        } else if (p instanceof PerfEvent.Fields f) {
            switch (e.event()) {
                case "signal:signal_generate" -> generated(f, e.timeNs());
                case "signal:signal_deliver" -> {
                    runEnds(tid, e.timeNs());
                    delivered(tid, f, e.timeNs());
                }
                case "sched:sched_process_exit" -> {
                    runEnds(tid, e.timeNs());
                    ThreadCpu t = threads.get(tid);
                    if (t != null) {
                        if (Boolean.TRUE.equals(t.on)) {
                            interval(t, e.timeNs());
                            keep(tid, t.since, e.timeNs(), false);
                        }
                        retire(tid, t);
                    }
                }
                default -> { }
            }
        }
    }

    /** A thread ended: its totals join the busiest list if they belong there, its state goes (memory stays bounded). */
    private void retire(int tid, ThreadCpu t) {
        threads.remove(tid);
        if (t.onCpuNs > 0) {
            exited.add(new KernelMetrics.ThreadCpu(tid, Delays.ms(t.onCpuNs), t.involuntary));
            if (exited.size() > 4 * BUSIEST_SHOWN) {
                exited.sort(BUSIEST_FIRST);
                exited.subList(BUSIEST_SHOWN, exited.size()).clear();
            }
        }
    }

    private void runStarts(int tid, long at) {
        ThreadCpu t = thread(tid);
        t.runStart = at;
        t.runOffCpu = 0;
        t.runSwitchedOut = 0;
    }

    private void keep(int tid, long from, long to, boolean preempted) {
        if (intervalCount == MAX_INTERVALS) {
            intervalsDropped++;
            return;
        }
        if (4 * intervalCount == intervals.length) {
            intervals = java.util.Arrays.copyOf(intervals, Math.min(2 * intervals.length, 4 * MAX_INTERVALS));
        }
        int i = 4 * intervalCount++;
        intervals[i] = tid;
        intervals[i + 1] = from;
        intervals[i + 2] = to;
        intervals[i + 3] = preempted ? 1 : 0;
    }

    /** A stretch a thread spent on a CPU, and whether the kernel took the CPU from it (else it blocked or ended). */
    public record OnCpu(int tid, long fromNs, long toNs, boolean preempted) {}

    /** Each on-CPU stretch in the order they ended, the first {@link #MAX_INTERVALS}. */
    public void onCpuIntervals(Consumer<OnCpu> out) {
        for (int i = 0; i < intervalCount; i++) {
            out.accept(new OnCpu((int) intervals[4 * i], intervals[4 * i + 1], intervals[4 * i + 2],
                    intervals[4 * i + 3] == 1));
        }
    }

    /** Whether {@code tid} was on a CPU at {@code ns}, as far as the kept stretches tell. */
    public boolean onCpuAt(int tid, long ns) {
        long[] a = stretches(tid);
        int i = lastStartingBy(a, ns);
        return i >= 0 && ns <= a[2 * i + 1];
    }

    /** How long {@code tid} was on a CPU within [fromNs, toNs], as far as the kept stretches tell. */
    public long onCpuNs(int tid, long fromNs, long toNs) {
        long[] a = stretches(tid);
        long on = 0;
        for (int i = Math.max(0, lastStartingBy(a, fromNs)); i < a.length / 2 && a[2 * i] <= toNs; i++) {
            on += Math.max(0, Math.min(toNs, a[2 * i + 1]) - Math.max(fromNs, a[2 * i]));
        }
        return on;
    }

    /** The index of the thread's last stretch that starts at or before ns, -1 for none. */
    private static int lastStartingBy(long[] a, long ns) {
        return io.preemptscope.util.Strided.lastAtMost(a, 2, a.length / 2, ns);
    }

    /** A thread's kept stretches, start and end in turn (disjoint, in order). */
    private long[] stretches(int tid) {
        if (byThread == null) {
            byThread = new HashMap<>();
            Map<Integer, Integer> counts = new HashMap<>();
            for (int i = 0; i < intervalCount; i++) {
                counts.merge((int) intervals[4 * i], 1, Integer::sum);
            }
            counts.forEach((t, n) -> byThread.put(t, new long[2 * n]));
            Map<Integer, Integer> filled = new HashMap<>();
            for (int i = 0; i < intervalCount; i++) {
                int t = (int) intervals[4 * i];
                int k = filled.merge(t, 1, Integer::sum) - 1;
                byThread.get(t)[2 * k] = intervals[4 * i + 1];
                byThread.get(t)[2 * k + 1] = intervals[4 * i + 2];
            }
        }
        return byThread.getOrDefault(tid, new long[0]);
    }

    /** Each thread's kept stretches as start, end pairs; built once the capture has been read. */
    private Map<Integer, long[]> byThread;

    /** On-CPU stretches not kept past {@link #MAX_INTERVALS}. */
    public long onCpuIntervalsDropped() {
        return intervalsDropped;
    }

    private void switched(int tid, ThreadCpu t, PerfEvent.Switch s, long at) {
        switchRecords++;
        if (s.in()) {
            if (Boolean.FALSE.equals(t.on) && t.runStart != Long.MIN_VALUE && t.since >= t.runStart) {
                t.runOffCpu += at - t.since;
            }
            t.on = true;
            t.since = at;
            t.lastIn = at;
            return;
        }
        if (Boolean.TRUE.equals(t.on)) {
            interval(t, at);
            keep(tid, t.since, at, s.preempted());
        }
        if (s.preempted()) {
            involuntary++;
            t.involuntary++;
        } else {
            voluntary++;
        }
        if (t.runStart != Long.MIN_VALUE) {
            t.runSwitchedOut++;
        }
        t.on = false;
        t.since = at;
    }

    private void interval(ThreadCpu t, long at) {
        onCpu.record(at - t.since);
        t.onCpuNs += at - t.since;
    }

    private void runEnds(int tid, long at) {
        ThreadCpu t = threads.get(tid);
        if (t == null || t.runStart == Long.MIN_VALUE) {
            return;
        }
        long offCpu = t.runOffCpu;
        if (Boolean.FALSE.equals(t.on) && t.since >= t.runStart) {
            // the run ends while the thread is off: only a delivery can do that, at its switch-in
            offCpu += at - t.since;
        }
        if (at - t.runStart > SysmonConstants.FORCE_PREEMPT_NS) {
            offCpuInLongRuns.record(offCpu);
            if (offCpu > 0) {
                longRunsOffCpu++;
            }
            if (longRunCount < MAX_LONG_RUNS) {
                longRuns.put(new ThreadTime(tid, t.runStart), new LongRun(tid, t.runStart, at, offCpu, t.runSwitchedOut));
                longRunCount++;
            }
        }
        t.runStart = Long.MIN_VALUE;
    }

    private void generated(PerfEvent.Fields f, long at) {
        if (!String.valueOf(SIGURG).equals(f.get("sig"))) {
            return;
        }
        sigurgGenerated++;
        if (ALREADY_PENDING.equals(f.get("res"))) {
            // merged into the one already pending: no delivery of its own will follow
            sigurgAlreadyPending++;
            return;
        }
        int target = parse(f.get("pid"));
        if (target <= 0) {
            return;
        }
        ThreadCpu t = thread(target);
        boolean running = Boolean.TRUE.equals(t.on);
        if (running) {
            sigurgTargetRunning++;
        } else if (Boolean.FALSE.equals(t.on)) {
            sigurgTargetOffCpu++;
        }
        if (t.pendingSigurg.size() < 16) {
            t.pendingSigurg.addLast(new long[] {at, t.on == null ? -1 : running ? 1 : 0});
        }
    }

    private void delivered(int tid, PerfEvent.Fields f, long at) {
        if (!String.valueOf(SIGURG).equals(f.get("sig"))) {
            return;
        }
        ThreadCpu t = threads.get(tid);
        if (t == null || t.pendingSigurg.isEmpty()) {
            return;
        }
        long[] g = t.pendingSigurg.pollFirst();
        long delay = at - g[0];
        if (delay > LATE_DELIVERY_NS && lateDeliveryCount < MAX_LONG_RUNS) {
            lateDeliveries.put(new ThreadTime(tid, at), new LateDelivery(g[0],
                    g[1] < 0 ? null : g[1] == 1, t.lastIn >= g[0] ? t.lastIn : -1));
            lateDeliveryCount++;
        }
        generateToDeliver.record(delay);
        if (g[1] == 1) {
            generateToDeliverRunning.record(delay);
        } else if (g[1] == 0) {
            generateToDeliverOffCpu.record(delay);
        }
    }

    private ThreadCpu thread(int tid) {
        ThreadCpu t = threads.get(tid);
        if (t == null) {
            t = new ThreadCpu();
            threads.put(tid, t);
        }
        return t;
    }

    private static int parse(String v) {
        try {
            return v == null ? -1 : Integer.parseInt(v.strip());
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    /** The SIGURG delivered to {@code tid} at {@code deliveredNs}, when it came late; else null. */
    public LateDelivery lateDelivery(int tid, long deliveredNs) {
        return lateDeliveries.get(new ThreadTime(tid, deliveredNs));
    }

    /** The user run of {@code tid} that began at {@code startNs}, when it was past forcePreemptNS; else null. */
    public LongRun longRun(int tid, long startNs) {
        return longRuns.get(new ThreadTime(tid, startNs));
    }

    /**
     * The figures, once every event has been seen; threads still on a CPU are counted to the
     * capture's end.
     *
     * @param everySyscall whether the capture recorded every syscall; else its gaps are no user runs
     */
    public KernelMetrics metrics(boolean everySyscall) {
        List<KernelMetrics.ThreadCpu> busiest = new ArrayList<>(exited);
        threads.forEach((t, tid) -> {
            long on = t.onCpuNs + (Boolean.TRUE.equals(t.on) && lastNs > t.since ? lastNs - t.since : 0);
            if (on > 0) {
                busiest.add(new KernelMetrics.ThreadCpu(tid, Delays.ms(on), t.involuntary));
            }
        });
        busiest.sort(BUSIEST_FIRST);
        return new KernelMetrics("perf", switchRecords > 0, onCpu.delays(), involuntary, voluntary,
                List.copyOf(busiest.subList(0, Math.min(BUSIEST_SHOWN, busiest.size()))), everySyscall,
                everySyscall ? offCpuInLongRuns.count() : 0, everySyscall ? longRunsOffCpu : 0,
                everySyscall ? offCpuInLongRuns.delays() : new Delays.Recorder().delays(),
                sigurgGenerated, sigurgAlreadyPending, sigurgTargetRunning, sigurgTargetOffCpu,
                generateToDeliver.delays(), generateToDeliverRunning.delays(), generateToDeliverOffCpu.delays());
    }
}
