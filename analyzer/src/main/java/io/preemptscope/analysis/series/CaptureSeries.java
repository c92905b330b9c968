package io.preemptscope.analysis.series;

import io.preemptscope.util.IntMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregates the HTML report draws, collected from the same replay as the analysis and in
 * bounded memory: histograms of fixed buckets, series on a {@link TimeAxis} of fixed length, and
 * per-thread and per-P figures for at most {@link #MAX_LANES} lanes (the rest are summed into one).
 *
 * <p>The replays call the recording methods as events stream past; the report reads the rest
 * once the run is done.
 */
public final class CaptureSeries {
    /** Threads (or Ps) with a lane of their own; later ones are counted together. */
    public static final int MAX_LANES = 256;
    /** Threads whose figures are kept one by one; later ones go into {@link #otherThreads()}. */
    public static final int MAX_THREADS = 4096;
    /** The lane, and the key, of everything past the limits. */
    public static final int OTHERS = Integer.MIN_VALUE;

    private final TimeAxis straceAxis = new TimeAxis();
    private final TimeAxis traceAxis = new TimeAxis();
    private final IntMap<long[]> sentTo = new IntMap<>();
    private final IntMap<long[]> deliveredTo = new IntMap<>();
    private final List<Integer> laneOrder = new ArrayList<>();
    private final long[] sysmonRequested = straceAxis.series(TimeAxis.Merge.MAX);
    private final long[] sysmonObserved = straceAxis.series(TimeAxis.Merge.MAX);
    private final long[] sysmonSleeps = straceAxis.series(TimeAxis.Merge.SUM);
    private final LogHistogram deliveryLatency = new LogHistogram();
    private final IntMap<long[]> pendingSince = new IntMap<>();
    private final IntMap<int[]> lastSender = new IntMap<>();
    private final IntMap<LogHistogram> latencyBySender = new IntMap<>();
    private final LogHistogram latencyUnknownSender = new LogHistogram();
    private final IntMap<ThreadFigures> threads = new IntMap<>();
    private final ThreadFigures otherThreads = new ThreadFigures(OTHERS);
    private int firstTid = -1;
    private String program;
    private final Map<String, long[]> eintrBySyscall = new TreeMap<>();

    private final IntMap<long[][]> pLanes = new IntMap<>();
    private final List<Integer> pOrder = new ArrayList<>();
    private final LogHistogram slicesAsync = new LogHistogram();
    private final LogHistogram slicesCooperative = new LogHistogram();
    private final LogHistogram slicesOther = new LogHistogram();

    // ---- strace -----------------------------------------------------------------------------

    /**
     * Every strace event, in order: the first one's thread is the main thread, the first timed
     * one's time the start of the axis.
     */
    public void straceEvent(int tid, long ns, boolean timed) {
        if (timed) {
            straceAxis.start(ns);
        }
        if (firstTid < 0) {
            firstTid = tid;
        }
    }

    /** A thread ran user code for {@code ns} (between leaving the kernel and its next syscall or signal). */
    public void userRun(int tid, long ns) {
        ThreadFigures t = thread(tid);
        t.userNs += ns;
        t.longestRunNs = Math.max(t.longestRunNs, ns);
    }

    public void sigurgSent(int senderTid, int targetTid, long ns) {
        thread(senderTid).sigurgSent++;
        lane(sentTo, targetTid)[straceAxis.bucket(ns)]++;
        if (pendingSince.get(targetTid) == null) {
            pendingSince.put(targetTid, new long[] {ns});
        }
        int[] sender = lastSender.get(targetTid);
        if (sender == null) {
            lastSender.put(targetTid, new int[] {senderTid});
        } else {
            sender[0] = senderTid;
        }
    }

    /**
     * A SIGURG reached {@code tid}.
     *
     * @param ranNs how long the thread had run user code when it arrived, -1 when it was not in user code
     */
    public void sigurgDelivered(int tid, long ns, long ranNs) {
        thread(tid).sigurgReceived++;
        lane(deliveredTo, tid)[straceAxis.bucket(ns)]++;
        long[] since = pendingSince.get(tid);
        if (since != null) {
            deliveryLatency.record(Math.max(0, ns - since[0]));
            pendingSince.remove(tid);
        }
        if (ranNs >= 0) {
            int[] sender = lastSender.get(tid);
            LogHistogram h = sender == null ? latencyUnknownSender : latencyBySender.get(sender[0]);
            if (h == null) {
                h = latencyBySender.size() < MAX_LANES ? new LogHistogram() : latencyUnknownSender;
                latencyBySender.put(sender[0], h);
            }
            h.record(ranNs);
        }
    }

    /**
     * A syscall failed with EINTR that reached the program.
     *
     * @param noRetryOwed the call is one the model expects no retry of: the runtime's own futex and
     *     nanosleep waits, and netpoll's epoll waits with a timeout
     */
    public void eintr(int tid, String syscall, boolean noRetryOwed) {
        thread(tid).eintr++;
        // one entry per syscall name: a few hundred at most
        long[] n = eintrBySyscall.computeIfAbsent(syscall, k -> new long[2]);
        n[0]++;
        if (noRetryOwed) {
            n[1]++;
        }
    }

    public void restart(int tid) {
        thread(tid).restarts++;
    }

    /** A successful execve: the main thread's last one names the program it runs. */
    public void executed(int tid, String path) {
        if (tid == firstTid) {
            program = path;
        }
    }

    public void sysmonSleep(long ns, long requestedNs, long observedNs) {
        int b = straceAxis.bucket(ns);
        sysmonRequested[b] = Math.max(sysmonRequested[b], requestedNs);
        sysmonObserved[b] = Math.max(sysmonObserved[b], observedNs);
        sysmonSleeps[b]++;
    }

    // ---- Go trace ---------------------------------------------------------------------------

    /** How a time slice of a Go trace ended, as far as the charts tell them apart. */
    public enum SliceKind { PREEMPTED_ASYNC, PREEMPTED_COOPERATIVE, OTHER }

    /** One time slice of a Go trace; times count from the trace's first event. */
    public void slice(int p, long startNs, long endNs, SliceKind kind) {
        traceAxis.start(0);
        long[][] lane = pLanes.get(p);
        if (lane == null) {
            if (pLanes.size() >= MAX_LANES) {
                lane = pLanes.get(OTHERS);
                if (lane == null) {
                    lane = pLane(OTHERS);
                }
            } else {
                lane = pLane(p);
            }
        }
        traceAxis.spread(lane[0], startNs, endNs);
        long duration = Math.max(0, endNs - startNs);
        switch (kind) {
            case PREEMPTED_ASYNC -> {
                lane[1][traceAxis.bucket(endNs)]++;
                slicesAsync.record(duration);
            }
            case PREEMPTED_COOPERATIVE -> {
                lane[2][traceAxis.bucket(endNs)]++;
                slicesCooperative.record(duration);
            }
            default -> slicesOther.record(duration);
        }
    }

    private long[][] pLane(int p) {
        long[][] lane = {traceAxis.series(TimeAxis.Merge.SUM), traceAxis.series(TimeAxis.Merge.SUM),
            traceAxis.series(TimeAxis.Merge.SUM)};
        pLanes.put(p, lane);
        pOrder.add(p);
        return lane;
    }

    // ---- what the report reads --------------------------------------------------------------

    public TimeAxis straceAxis() {
        return straceAxis;
    }

    public TimeAxis traceAxis() {
        return traceAxis;
    }

    /** A thread's SIGURG lane: sent to it and delivered to it per bucket of {@link #straceAxis()}. */
    public record SignalLane(int tid, long[] sent, long[] delivered) {
        public long total() {
            long n = 0;
            for (int i = 0; i < sent.length; i++) {
                n += sent[i] + delivered[i];
            }
            return n;
        }
    }

    /** Every thread that was sent or received a SIGURG, in order of first appearance. */
    public List<SignalLane> signalLanes() {
        List<SignalLane> out = new ArrayList<>();
        for (int tid : laneOrder) {
            long[] s = sentTo.get(tid);
            long[] d = deliveredTo.get(tid);
            out.add(new SignalLane(tid, s == null ? new long[TimeAxis.BUCKETS] : s.clone(),
                    d == null ? new long[TimeAxis.BUCKETS] : d.clone()));
        }
        return out;
    }

    /** sysmon's longest requested sleep, longest observed sleep (ns) and number of sleeps, per bucket. */
    public record SysmonSeries(long[] requestedNs, long[] observedNs, long[] sleeps) {}

    public SysmonSeries sysmon() {
        return new SysmonSeries(sysmonRequested.clone(), sysmonObserved.clone(), sysmonSleeps.clone());
    }

    public LogHistogram deliveryLatency() {
        return deliveryLatency;
    }

    /**
     * How long threads had run user code when a SIGURG arrived, by who sent it.
     *
     * @param sysmon sent by the sysmon thread (retake)
     * @param others sent by any other thread (GC's suspendG, stop-the-world)
     * @param unknown delivered without a send the capture shows
     */
    public record LatencyBySource(LogHistogram sysmon, LogHistogram others, LogHistogram unknown) {
        public LogHistogram all() {
            LogHistogram h = new LogHistogram();
            h.add(sysmon);
            h.add(others);
            h.add(unknown);
            return h;
        }
    }

    public LatencyBySource latencyBySource(int sysmonTid) {
        LogHistogram sysmon = new LogHistogram();
        LogHistogram others = new LogHistogram();
        latencyBySender.forEach((h, tid) -> {
            if (h != latencyUnknownSender) {
                (tid == sysmonTid ? sysmon : others).add(h);
            }
        });
        return new LatencyBySource(sysmon, others, latencyUnknownSender);
    }

    /** One thread's figures from the strace capture; {@code tid} is {@link #OTHERS} for the rest summed. */
    public static final class ThreadFigures {
        private final int tid;
        private long sigurgReceived;
        private long sigurgSent;
        private long userNs;
        private long longestRunNs;
        private long eintr;
        private long restarts;

        ThreadFigures(int tid) {
            this.tid = tid;
        }

        public int tid() {
            return tid;
        }

        public long sigurgReceived() {
            return sigurgReceived;
        }

        public long sigurgSent() {
            return sigurgSent;
        }

        public long userNs() {
            return userNs;
        }

        public long longestRunNs() {
            return longestRunNs;
        }

        public long eintr() {
            return eintr;
        }

        public long restarts() {
            return restarts;
        }
    }

    /** Every thread kept one by one, most SIGURGs received first, then most user time. */
    public List<ThreadFigures> threads() {
        List<ThreadFigures> out = new ArrayList<>();
        threads.forEach((t, tid) -> out.add(t));
        out.sort(Comparator.comparingLong(ThreadFigures::sigurgReceived).reversed()
                .thenComparing(Comparator.comparingLong(ThreadFigures::userNs).reversed())
                .thenComparingInt(ThreadFigures::tid));
        return out;
    }

    /** The threads past {@link #MAX_THREADS}, summed; zero when there were none. */
    public ThreadFigures otherThreads() {
        return otherThreads;
    }

    /** The path the main thread's last successful execve ran, as strace printed it; null when none was seen. */
    public String program() {
        return program;
    }

    /** EINTRs that reached the program, of one syscall name, and how many of them were owed no retry. */
    public record SyscallEintr(long eintr, long noRetryOwed) {}

    /** EINTRs by syscall name, in name order. */
    public Map<String, SyscallEintr> eintrBySyscall() {
        Map<String, SyscallEintr> out = new TreeMap<>();
        eintrBySyscall.forEach((name, n) -> out.put(name, new SyscallEintr(n[0], n[1])));
        return out;
    }

    /** The first thread of the strace capture: the traced process's main thread. */
    public int firstTid() {
        return firstTid;
    }

    /** One P's lane of a Go trace: ns busy, async and cooperative preemptions per bucket of {@link #traceAxis()}. */
    public record PLane(int p, long[] busyNs, long[] async, long[] cooperative) {}

    public List<PLane> pLanes() {
        List<PLane> out = new ArrayList<>();
        for (int p : pOrder) {
            long[][] l = pLanes.get(p);
            out.add(new PLane(p, l[0].clone(), l[1].clone(), l[2].clone()));
        }
        out.sort(Comparator.comparingInt(PLane::p));
        return out;
    }

    /** Lengths of a Go trace's time slices by how they ended. */
    public record SliceLengths(LogHistogram async, LogHistogram cooperative, LogHistogram other) {
        public long total() {
            return async.total() + cooperative.total() + other.total();
        }
    }

    public SliceLengths sliceLengths() {
        return new SliceLengths(slicesAsync, slicesCooperative, slicesOther);
    }

    private long[] lane(IntMap<long[]> lanes, int tid) {
        long[] lane = lanes.get(tid);
        if (lane == null) {
            int key = laneOrder.contains(tid) || laneOrder.size() < MAX_LANES ? tid : OTHERS;
            lane = lanes.get(key);
            if (lane == null) {
                lane = straceAxis.series(TimeAxis.Merge.SUM);
                lanes.put(key, lane);
                if (!laneOrder.contains(key)) {
                    laneOrder.add(key);
                }
            }
        }
        return lane;
    }

    private ThreadFigures thread(int tid) {
        ThreadFigures t = threads.get(tid);
        if (t == null) {
            if (threads.size() >= MAX_THREADS) {
                return otherThreads;
            }
            t = new ThreadFigures(tid);
            threads.put(tid, t);
        }
        return t;
    }
}
