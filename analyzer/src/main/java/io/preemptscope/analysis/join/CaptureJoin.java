package io.preemptscope.analysis.join;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Joins a Go trace to a strace capture of the same run: places the trace's clock on strace's, maps
 * the trace's Ms to kernel threads, and matches every async preemption to the SIGURG delivery
 * before it on its thread.
 *
 * <p>The clock is placed from events both captures see, each of which bounds the offset from one
 * side. strace prints a delivery while the thread is stopped, before its handler runs, so the
 * preemption the handler starts comes later on the trace: the offset is at least delivery minus
 * preemption. The runtime traces a syscall entry before it enters the kernel, where strace stops
 * it: the offset is at most entry minus traced entry. A coarse vote over every pair of a kind
 * finds the offset to a millisecond without knowing the threads; the bounds narrow it.
 */
public final class CaptureJoin {
    /** Coarse vote resolution, and how many bins the vote array may take at most. */
    private static final long BIN_NS = 500_000;
    private static final int MAX_BINS = 1 << 22;
    /** What the vote samples of each side at most: the vote is quadratic in them. */
    private static final int VOTE_PREEMPTIONS = 2_000;
    private static final int VOTE_DELIVERIES = 20_000;
    private static final int VOTE_SYSCALLS = 2_000;
    private static final int VOTE_ENTRIES = 50_000;
    /** The coarse offset's error: a 3-bin window. */
    private static final long COARSE_ERROR_NS = 3 * BIN_NS;
    /**
     * Without rt_sigreturn in the capture, the longest from a delivery to the preemption it starts:
     * tens of microseconds natively, milliseconds when the thread waits for a CPU or for strace.
     */
    static final long MAX_SIGNAL_DELAY_NS = 5_000_000;
    /** The longest from a handler's rt_sigreturn to the preemption it starts. */
    private static final long MAX_RETURN_DELAY_NS = 5_000_000;
    /** The longest a SIGURG handler may take, from its delivery to its rt_sigreturn. */
    private static final long MAX_HANDLER_NS = 1_000_000_000L;
    /** The longest from a traced syscall entry to strace's entry of it. */
    private static final long MAX_SYSCALL_DELAY_NS = 2_000_000;
    /**
     * An unnamed traced entry is matched to its thread's next entry, whatever it is, only once the
     * offset is known this well: a wider window could reach back to the call before.
     */
    private static final long ANY_NAME_SLACK_NS = 300_000;
    /** A preemption this close after its handler's return (or its delivery) lines the clocks up. */
    private static final long TIGHT_NS = 1_000_000;
    /** The share of async preemptions that must line up so for the captures to be of one run. */
    private static final double TIGHT_SHARE = 0.8;
    /** Lower bounds this many or more place the offset first. */
    private static final int STRONG = 3;
    /** Once lower bounds place the offset, how far before it a traced call's entry is looked for. */
    private static final long SETTLED_SLACK_NS = 20_000;
    /** Without them, the margin either side of the traced calls' median. */
    private static final long ROUGH_MARGIN_NS = 300_000;
    /** At least this many async preemptions, or syscalls, before the join says whether the captures agree. */
    private static final int EVIDENCE_NEEDED = 5;

    private final TraceMarks trace;
    private final StraceMarks strace;
    private final int sysmonTid;
    private final LongFunction<String> evidence;
    private final String traceFile;

    private final long[] dNs;
    private final int[] dTid;
    private final long[] dRef;
    /** Each delivery's user run before it, -1 when it interrupted none. */
    private final long[] dRun;
    private final StraceMarks.Send[] dSend;
    private final Map<Integer, int[]> dByTid = new HashMap<>();
    private final long[] rNs;
    private final int[] rTid;
    private final int[] eOrder;
    private final Map<Integer, int[]> eByTid = new HashMap<>();

    private CaptureJoin(TraceMarks trace, StraceMarks strace, int sysmonTid, LongFunction<String> evidence,
            String traceFile) {
        this.trace = trace;
        this.strace = strace;
        this.sysmonTid = sysmonTid;
        this.evidence = evidence;
        this.traceFile = traceFile;
        List<StraceMarks.Delivery> ds = new ArrayList<>(strace.deliveries());
        ds.sort(Comparator.comparingLong(StraceMarks.Delivery::atNs));
        int n = ds.size();
        dNs = new long[n];
        dTid = new int[n];
        dRef = new long[n];
        dRun = new long[n];
        for (int i = 0; i < n; i++) {
            dRun[i] = ds.get(i).runNs();
            dNs[i] = ds.get(i).atNs();
            dTid[i] = ds.get(i).tid();
            dRef[i] = ds.get(i).ref();
        }
        dSend = SenderPairing.pair(ds, strace.sends());
        List<long[]> returns = new ArrayList<>();
        strace.allSigreturns().forEach((tid, times) -> times.forEach(t -> returns.add(new long[] {t, tid})));
        returns.sort(Comparator.comparingLong(r -> r[0]));
        rNs = new long[returns.size()];
        rTid = new int[returns.size()];
        for (int i = 0; i < rNs.length; i++) {
            rNs[i] = returns.get(i)[0];
            rTid[i] = (int) returns.get(i)[1];
        }
        index(dByTid, dTid, n, i -> i);
        int m = strace.syscallCount();
        eOrder = java.util.stream.IntStream.range(0, m).boxed()
                .sorted(Comparator.comparingLong(strace::syscallNs)).mapToInt(Integer::intValue).toArray();
        int[] tids = new int[m];
        for (int i = 0; i < m; i++) {
            tids[i] = strace.syscallTid(eOrder[i]);
        }
        index(eByTid, tids, m, i -> i);
    }

    private static void index(Map<Integer, int[]> byTid, int[] tids, int n, java.util.function.IntUnaryOperator id) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(tids[i], 1, Integer::sum);
        }
        Map<Integer, Integer> filled = new HashMap<>();
        counts.forEach((tid, c) -> byTid.put(tid, new int[c]));
        for (int i = 0; i < n; i++) {
            int k = filled.merge(tids[i], 1, Integer::sum) - 1;
            byTid.get(tids[i])[k] = id.applyAsInt(i);
        }
    }

    /**
     * @param sysmonTid the sysmon thread, -1 when not found
     * @param evidence resolves the analysis's packed file:line references
     * @param traceFile the trace's name, for the preemptions' evidence
     * @return null when the strace capture has no timestamps
     */
    public static JoinMetrics join(TraceMarks trace, StraceMarks strace, int sysmonTid, LongFunction<String> evidence,
            String traceFile) {
        if (!strace.timed()) {
            return null;
        }
        return new CaptureJoin(trace, strace, sysmonTid, evidence, traceFile).run();
    }

    private JoinMetrics run() {
        List<TraceMark> async = trace.asyncPreemptions();
        Vote vote = coarse();
        if (vote == null) {
            return new JoinMetrics(async.size(), 0, 0, 0, Map.of(), Map.of(), async.size(), null, null,
                    "nothing both captures see: no async preemption and no traced syscall the strace capture"
                            + " shows by name", null, "nothing to line up", List.of(), none(), none(), none(), none(),
                    List.of(), List.of());
        }
        Map<Long, ThreadMapping> map = ThreadMapper.map(this, vote.offsetNs());
        ClockBounds bounds;
        long[] lower = lowerBounds(map, vote.offsetNs(), COARSE_ERROR_NS);
        if (lower.length >= STRONG) {
            // a handler's return comes before the preemption it starts whatever the load: these
            // bounds are sound, and place the offset from below to within the shortest such delay
            long below = ClockBounds.of(lower.clone(), new long[0]).offsetNs();
            map = ThreadMapper.map(this, below);
            lower = lowerBounds(map, below, SETTLED_SLACK_NS);
            // strace's entry of a traced call comes after it: the first entry from here on is the call
            bounds = ClockBounds.of(lower, upperBounds(map, below, SETTLED_SLACK_NS));
        } else {
            // no preemption to go by: the traced calls nearest the vote's offset place it roughly,
            // then the first entries after a traced call bound it
            long[] near = upperBounds(map, vote.offsetNs(), COARSE_ERROR_NS);
            long rough = near.length == 0 ? vote.offsetNs() : median(near) - ROUGH_MARGIN_NS;
            map = ThreadMapper.map(this, rough);
            bounds = ClockBounds.of(lowerBounds(map, rough, ROUGH_MARGIN_NS), upperBounds(map, rough, ROUGH_MARGIN_NS));
        }
        long offset = bounds.present() ? bounds.offsetNs() : vote.offsetNs();
        long tolerance = bounds.present() ? Math.max(bounds.uncertaintyNs(), 20_000) : COARSE_ERROR_NS;
        return joinPreemptions(map, offset, bounds, vote, tolerance);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }

    private static Delays none() {
        return new Delays.Recorder().delays();
    }

    // ---- the coarse vote

    /** The best-supported offset and how much better it is than the next best, far from it. */
    record Vote(long offsetNs, int votes, int runnerUp, int pairs, String kind) {}

    /**
     * The trace ran while the traced process did, so its span lies within the strace capture's
     * when strace saw the process from start to end: the vote looks there first. A capture
     * attached to a running process, or cut short, may hold less; then any overlap will do.
     */
    private Vote coarse() {
        long slack = 10_000_000;
        long tightLo = strace.firstNs() - slack;
        long tightHi = strace.lastNs() - trace.durationNs() + slack;
        if (tightHi >= tightLo) {
            Vote inside = coarse(tightLo, tightHi);
            if (inside != null) {
                return inside;
            }
        }
        return coarse(strace.firstNs() - trace.durationNs() - 1_000_000_000L, strace.lastNs() + 1_000_000_000L);
    }

    private Vote coarse(long lo, long hi) {
        long bin = Math.max(BIN_NS, (hi - lo) / MAX_BINS + 1);
        int[] bins = new int[(int) ((hi - lo) / bin) + 1];
        List<TraceMark> async = sample(trace.asyncPreemptions(), VOTE_PREEMPTIONS);
        int pairs = 0;
        String kind;
        if (async.size() >= 3 && dNs.length > 0) {
            kind = "SIGURG deliveries and async preemptions";
            int step = Math.max(1, dNs.length / VOTE_DELIVERIES);
            int sampled = (dNs.length + step - 1) / step;
            long[] vNs = new long[sampled];
            int[] vTid = new int[sampled];
            for (int k = 0; k < sampled; k++) {
                vNs[k] = dNs[k * step];
                vTid[k] = dTid[k * step];
            }
            for (TraceMark a : async) {
                for (int i = lowerIndex(vNs, a.tsNs() + lo); i < sampled && vNs[i] - a.tsNs() <= hi; i++) {
                    if (a.thread() >= 0 && a.thread() != vTid[i]) {
                        continue;
                    }
                    bins[(int) ((vNs[i] - a.tsNs() - lo) / bin)]++;
                    pairs++;
                }
            }
        } else {
            kind = "traced syscalls and strace's entries of the same calls";
            Map<String, List<Long>> entries = new HashMap<>();
            int step = Math.max(1, eOrder.length / VOTE_ENTRIES);
            for (int k = 0; k < eOrder.length; k += step) {
                entries.computeIfAbsent(strace.syscallName(eOrder[k]), x -> new ArrayList<>())
                        .add(strace.syscallNs(eOrder[k]));
            }
            List<TraceMark> named = sample(trace.syscalls().stream().filter(s -> s.syscall() != null).toList(),
                    VOTE_SYSCALLS);
            for (TraceMark s : named) {
                List<Long> same = entries.get(s.syscall());
                if (same == null) {
                    continue;
                }
                for (long e : same) {
                    long c = e - s.tsNs();
                    if (c >= lo && c <= hi) {
                        bins[(int) ((c - lo) / bin)]++;
                        pairs++;
                    }
                }
            }
        }
        if (pairs == 0) {
            return null;
        }
        int best = 0;
        int bestVotes = -1;
        for (int i = 0; i + 2 < bins.length; i++) {
            int v = bins[i] + bins[i + 1] + bins[i + 2];
            if (v > bestVotes) {
                bestVotes = v;
                best = i;
            }
        }
        int runnerUp = 0;
        for (int i = 0; i + 2 < bins.length; i++) {
            if (Math.abs(i - best) > 10) {
                runnerUp = Math.max(runnerUp, bins[i] + bins[i + 1] + bins[i + 2]);
            }
        }
        return new Vote(lo + best * bin + (3 * bin) / 2, bestVotes, runnerUp, pairs, kind);
    }

    private static <T> List<T> sample(List<T> all, int max) {
        if (all.size() <= max) {
            return all;
        }
        List<T> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(all.get((int) ((long) i * all.size() / max)));
        }
        return out;
    }

    /** The first index whose value is at least {@code v}. */
    static int lowerIndex(long[] sorted, long v) {
        int i = Arrays.binarySearch(sorted, v);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1] == v) {
            i--;
        }
        return i;
    }

    // ---- bounds on the offset

    /**
     * For each async preemption on a mapped thread, the delivery to that thread just before it:
     * the offset is above delivery minus preemption.
     */
    private long[] lowerBounds(Map<Long, ThreadMapping> map, long offset, long slack) {
        List<Long> out = new ArrayList<>();
        for (TraceMark a : trace.asyncPreemptions()) {
            Cause c = cause(tidOf(map, a), a.tsNs() + offset, slack, null);
            if (c != null) {
                out.add(c.handlerEndNs() - a.tsNs());
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** The delivery that started a preemption, and when its handler returned (the delivery's time when unseen). */
    record Cause(int delivery, long handlerEndNs) {}

    /**
     * The SIGURG whose handler started the preemption at {@code at} on {@code tid}: the thread's
     * last rt_sigreturn before it, and the last delivery before that return. A handler can be held
     * up for milliseconds (the thread waits for a CPU, or for strace), but asyncPreempt runs right
     * after the return, so the return is looked for near the preemption and the delivery as far
     * back as a handler may take. Without rt_sigreturn in the capture, the delivery itself.
     *
     * @return null when no delivery fits
     */
    Cause cause(int tid, long at, long slack, boolean[] claimed) {
        if (tid < 0) {
            return null;
        }
        long ret = sigreturnBefore(tid, at + slack, at - MAX_RETURN_DELAY_NS);
        if (ret != Long.MIN_VALUE) {
            int d = deliveryBefore(tid, ret, ret - MAX_HANDLER_NS, claimed);
            if (d >= 0) {
                return new Cause(d, ret);
            }
        }
        int d = deliveryBefore(tid, at + slack, at - MAX_SIGNAL_DELAY_NS, claimed);
        return d < 0 ? null : new Cause(d, dNs[d]);
    }

    /** The thread's last rt_sigreturn entry in [from, to], or Long.MIN_VALUE. */
    private long sigreturnBefore(int tid, long to, long from) {
        List<Long> returns = strace.sigreturns(tid);
        int lo = 0;
        int hi = returns.size() - 1;
        int last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (returns.get(mid) <= to) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return last >= 0 && returns.get(last) >= from ? returns.get(last) : Long.MIN_VALUE;
    }

    /**
     * For each named syscall entry on a mapped thread, strace's next entry of that call on that
     * thread: the offset is below strace's entry minus the traced one.
     */
    private long[] upperBounds(Map<Long, ThreadMapping> map, long offset, long slack) {
        List<Long> out = new ArrayList<>();
        for (TraceMark s : trace.syscalls()) {
            int tid = tidOf(map, s);
            if (s.syscall() == null && (tid < 0 || slack > ANY_NAME_SLACK_NS)) {
                continue;
            }
            // on its own thread nothing comes between a traced entry and the call: any name will do
            int e = entryAfter(tid, s.syscall(), s.tsNs() + offset - slack, s.tsNs() + offset + MAX_SYSCALL_DELAY_NS);
            if (e >= 0) {
                out.add(strace.syscallNs(e) - s.tsNs());
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    static int tidOf(Map<Long, ThreadMapping> map, TraceMark mark) {
        ThreadMapping t = map.get(mark.threadKey());
        return t == null ? -1 : t.tid();
    }

    /**
     * The latest delivery to {@code tid} (any thread when -1) in [from, to], not yet claimed.
     *
     * @return its index, or -1
     */
    int deliveryBefore(int tid, long to, long from, boolean[] claimed) {
        if (tid >= 0) {
            int[] idx = dByTid.get(tid);
            if (idx == null) {
                return -1;
            }
            for (int k = upper(idx, to); k >= 0 && dNs[idx[k]] >= from; k--) {
                if (claimed == null || !claimed[idx[k]]) {
                    return idx[k];
                }
            }
            return -1;
        }
        for (int i = lowerIndex(dNs, to + 1) - 1; i >= 0 && dNs[i] >= from; i--) {
            if (claimed == null || !claimed[i]) {
                return i;
            }
        }
        return -1;
    }

    /** The last position in {@code idx} whose delivery is at or before {@code to}, -1 for none. */
    private int upper(int[] idx, long to) {
        int lo = 0;
        int hi = idx.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (dNs[idx[mid]] <= to) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * strace's first entry of {@code name} on {@code tid} (any thread when -1) in [from, to], as an
     * index into the marks; -1 for none.
     */
    int entryAfter(int tid, String name, long from, long to) {
        int[] idx = tid >= 0 ? eByTid.get(tid) : null;
        if (tid >= 0 && idx == null) {
            return -1;
        }
        int n = tid >= 0 ? idx.length : eOrder.length;
        int lo = 0;
        int hi = n - 1;
        int first = n;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (strace.syscallNs(eOrder[tid >= 0 ? idx[mid] : mid]) >= from) {
                first = mid;
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        for (int k = first; k < n; k++) {
            int e = eOrder[tid >= 0 ? idx[k] : k];
            if (strace.syscallNs(e) > to) {
                return -1;
            }
            if (name == null || strace.syscallName(e).equals(name)) {
                return e;
            }
        }
        return -1;
    }

    // ---- the join

    private JoinMetrics joinPreemptions(Map<Long, ThreadMapping> map, long offset, ClockBounds bounds, Vote vote,
            long tolerance) {
        boolean[] claimed = new boolean[dNs.length];
        Delays.Recorder total = new Delays.Recorder();
        Delays.Recorder sendToDelivery = new Delays.Recorder();
        Delays.Recorder deliveryToPreempt = new Delays.Recorder();
        Delays.Recorder runVsSlice = new Delays.Recorder();
        List<JoinedPreemption> listed = new ArrayList<>();
        long joined = 0;
        long tight = 0;
        for (TraceMark a : trace.asyncPreemptions()) {
            int tid = tidOf(map, a);
            if (tid < 0) {
                continue;
            }
            long at = a.tsNs() + offset;
            Cause cause = cause(tid, at, tolerance, claimed);
            if (cause == null) {
                continue;
            }
            int d = cause.delivery();
            claimed[d] = true;
            joined++;
            if (at - cause.handlerEndNs() <= TIGHT_NS) {
                tight++;
            }
            long toPreempt = Math.max(0, at - dNs[d]);
            deliveryToPreempt.record(toPreempt);
            long slice = trace.sliceLengthEndingAt(a.threadKey(), a.tsNs());
            if (dRun[d] >= 0 && slice >= 0) {
                runVsSlice.record(Math.abs(dRun[d] - slice));
            }
            StraceMarks.Send send = dSend[d];
            if (send != null) {
                sendToDelivery.record(dNs[d] - send.atNs());
                total.record(Math.max(0, at - send.atNs()));
            }
            if (listed.size() < JoinMetrics.LISTED) {
                listed.add(new JoinedPreemption(a.g(), tid, traceFile + "@" + a.offset(),
                        evidence.apply(dRef[d]), send == null ? null : evidence.apply(send.ref()),
                        send == null ? -1 : send.sender(),
                        send == null || sysmonTid < 0 ? null : send.sender() == sysmonTid,
                        send == null ? null : ms(dNs[d] - send.atNs()), ms(toPreempt),
                        send == null ? null : ms(Math.max(0, at - send.atNs())), at));
            }
        }
        Map<String, Long> unused = new TreeMap<>();
        Map<String, Long> unusedState = new TreeMap<>();
        long withoutPreemption = 0;
        Map<Integer, Long> keyOfTid = new HashMap<>();
        map.forEach((key, t) -> keyOfTid.put(t.tid(), key));
        for (int i = 0; i < dNs.length; i++) {
            Long key = keyOfTid.get(dTid[i]);
            if (!claimed[i] && key != null && dNs[i] >= offset && dNs[i] <= offset + trace.durationNs()) {
                withoutPreemption++;
                StraceMarks.Send s = dSend[i];
                String who = s == null ? "unseen" : sysmonTid >= 0 && s.sender() == sysmonTid ? "sysmon" : "others";
                unused.merge(who, 1L, Long::sum);
                Boolean running = trace.running(key, dNs[i] - offset);
                unusedState.merge(running == null ? "unknown" : running ? "goroutineRunning" : "noGoroutine", 1L,
                        Long::sum);
            }
        }
        long async = trace.asyncPreemptions().size();
        long named = 0;
        long namedAligned = 0;
        for (TraceMark sc : trace.syscalls()) {
            int tid = tidOf(map, sc);
            if (sc.syscall() != null && tid >= 0) {
                named++;
                long at = sc.tsNs() + offset;
                if (entryAfter(tid, sc.syscall(), at - tolerance, at + MAX_SYSCALL_DELAY_NS) >= 0) {
                    namedAligned++;
                }
            }
        }
        Agreement agreement = agreement(async, tight, named, namedAligned, bounds);
        Boolean consistent = agreement.consistent();
        List<ThreadMapping> threads = new ArrayList<>(map.values());
        threads.sort(Comparator.comparingLong(ThreadMapping::m));
        boolean placed = !Boolean.FALSE.equals(consistent);
        return new JoinMetrics(async, joined, tight, withoutPreemption, unused, unusedState, async - joined, placed ? offset : null,
                placed ? (bounds.present() ? bounds.uncertaintyNs() : COARSE_ERROR_NS) : null,
                basis(bounds, vote), consistent, agreement.evidence(), threads, total.delays(), sendToDelivery.delays(),
                deliveryToPreempt.delays(), runVsSlice.delays(), listed, List.of());
    }

    /**
     * One run's captures agree on one offset: nearly every async preemption comes within a
     * millisecond of its thread's return from a SIGURG handler (asyncPreempt runs right after it),
     * and the two kinds of bound do not cross. Two runs' captures line up that closely only by
     * chance, for a few preemptions of a periodic program.
     */
    /** Whether the captures agree on one offset, and what says so in words. */
    record Agreement(Boolean consistent, String evidence) {}

    private static Agreement agreement(long async, long tight, long named, long namedAligned, ClockBounds bounds) {
        if (bounds.lowerCount() > 0 && bounds.upperCount() > 0 && bounds.crossedNs() > 1_000_000) {
            return new Agreement(false, "the bounds from SIGURG handlers and from traced syscalls cross by "
                    + bounds.crossedNs() / 1000 + " µs: no one offset fits both");
        }
        if (async >= EVIDENCE_NEEDED) {
            return new Agreement(tight >= async * TIGHT_SHARE, tight + " of " + async + " async preemptions come"
                    + " within 1 ms of a SIGURG handler's return on their thread (one run's captures line up nearly"
                    + " all)");
        }
        // no preemptions to go by: the traced syscalls must each find strace's entry of the same call
        if (named >= 2 * EVIDENCE_NEEDED) {
            return new Agreement(namedAligned >= named * TIGHT_SHARE, namedAligned + " of " + named + " traced"
                    + " syscalls find strace's entry of the same call on their thread within 2 ms (one run's"
                    + " captures line up nearly all)");
        }
        return new Agreement(null, "too few async preemptions (" + async + ") and named traced syscalls (" + named
                + ") to tell whether the captures are of one run");
    }

    private static String basis(ClockBounds bounds, Vote vote) {
        String placed = "placed by a vote over " + vote.pairs() + " pairs of " + vote.kind() + " (" + vote.votes()
                + " votes against " + vote.runnerUp() + " for any other offset)";
        if (!bounds.present()) {
            return placed + "; no bound narrows it: to within the vote's 1.5 ms";
        }
        return placed + "; " + bounds.describe();
    }

    private static double ms(long ns) {
        return Delays.ms(ns);
    }

    // ---- what ThreadMapper reads

    TraceMarks trace() {
        return trace;
    }

    StraceMarks strace() {
        return strace;
    }

    /**
     * The thread of every SIGURG delivery and every rt_sigreturn in [from, to], when they are all
     * of one thread; else -1.
     */
    int onlySignalTid(long from, long to) {
        int tid = -1;
        for (int i = lowerIndex(dNs, from); i < dNs.length && dNs[i] <= to; i++) {
            if (tid >= 0 && dTid[i] != tid) {
                return -1;
            }
            tid = dTid[i];
        }
        for (int i = lowerIndex(rNs, from); i < rNs.length && rNs[i] <= to; i++) {
            if (tid >= 0 && rTid[i] != tid) {
                return -1;
            }
            tid = rTid[i];
        }
        return tid;
    }

    /** The thread of every strace entry of {@code name} in [from, to], when they are all on one thread; else -1. */
    int onlyEntryTid(String name, long from, long to) {
        int tid = -1;
        for (int k = firstEntry(from); k < eOrder.length && strace.syscallNs(eOrder[k]) <= to; k++) {
            int e = eOrder[k];
            if (!strace.syscallName(e).equals(name)) {
                continue;
            }
            if (tid >= 0 && strace.syscallTid(e) != tid) {
                return -1;
            }
            tid = strace.syscallTid(e);
        }
        return tid;
    }

    private int firstEntry(long from) {
        int lo = 0;
        int hi = eOrder.length - 1;
        int first = eOrder.length;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (strace.syscallNs(eOrder[mid]) >= from) {
                first = mid;
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        return first;
    }
}
