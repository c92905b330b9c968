package io.preemptscope.analysis;

import io.preemptscope.model.check.Observation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Collects the measurements as events stream past: counters and bounded histograms. */
final class ReplayMetrics {
    private static final long MAX_TRACKED_NS = 3_600_000_000_000L;
    private static final String STRACE_BASIS = "strace: user-space run of the target thread since its last syscall"
            + " when each SIGURG arrived, any sender; not a time slice";
    static final String PERF_BASIS = "perf: user-space run of the target thread since its last syscall"
            + " when each SIGURG arrived, any sender; not a time slice";
    private String basis = STRACE_BASIS;

    /** Names the capture the user runs were measured in. */
    void basis(String latencyBasis) {
        basis = latencyBasis;
    }

    private final Durations latency = new Durations();
    private final Durations deliveryLatency = new Durations();
    private final SigurgBySender bySender = new SigurgBySender();
    private final Histogram overshoot = new Histogram(MAX_TRACKED_NS, 3);
    private final io.preemptscope.analysis.join.Delays.Recorder sysmonSlept = new io.preemptscope.analysis.join.Delays.Recorder();
    /** The same values as {@code latency}, sampled for comparing two runs (compare). */
    final SampleReservoir latencySamples = new SampleReservoir();
    private final Map<String, long[]> eintr = new HashMap<>();
    private final Map<String, long[]> restarts = new HashMap<>();
    private final Map<Long, long[]> sysmonDelays = new TreeMap<>();
    private final io.preemptscope.util.IntMap<Boolean> threads = new io.preemptscope.util.IntMap<>();
    private long longestRun = -1;
    private int longestRunTid;
    private RunEnd longestRunEnd;
    private int streakTid = -1;
    private int streakRequests;
    private long streakSpan = -1;
    private long sent;
    private final io.preemptscope.util.IntMap<long[]> sentBy = new io.preemptscope.util.IntMap<>();
    private long delivered;
    private long deliveredFromProcess;
    private boolean getpidSeen;
    private long attempts;
    private long firstNs = Long.MAX_VALUE;
    private long lastNs = Long.MIN_VALUE;
    private long maxSysmonDelay;
    private boolean timed;

    void seen(int tid, long timeNs, boolean timestamped) {
        timed |= timestamped;
        if (tid >= 0 && threads.get(tid) == null) {
            threads.put(tid, Boolean.TRUE);
        }
        // a line strace prints without a timestamp ("strace: Process N attached") has no time of its own
        if (timestamped) {
            firstNs = Math.min(firstNs, timeNs);
            lastNs = Math.max(lastNs, timeNs);
        }
    }

    /** When the strace capture starts on its own clock, in ns; null without timestamps. */
    Long startNs() {
        return timed && firstNs <= lastNs ? firstNs : null;
    }

    /** @param senderTid the thread that sent it: sysmon's requests are told from GC's and STW's at the end */
    void countSent(int senderTid) {
        sent++;
        long[] n = sentBy.get(senderTid);
        if (n == null) {
            sentBy.put(senderTid, new long[] {1});
        } else {
            n[0]++;
        }
    }

    /** SIGURGs that sysmon sent (retake's preemption requests); the rest came from GC and stop-the-world. */
    long sentBy(int sysmonTid) {
        long[] n = sysmonTid < 0 ? null : sentBy.get(sysmonTid);
        return n == null ? 0 : n[0];
    }

    void delivered(boolean fromProcess) {
        delivered++;
        if (fromProcess) {
            deliveredFromProcess++;
        }
    }

    void getpid() {
        getpidSeen = true;
    }

    /** SIGURG the process sent itself, seen by sending or by delivery (a filtered capture may show one only). */
    boolean runtimeSentSigurg() {
        return sent > 0 || deliveredFromProcess > 0;
    }

    /**
     * Whether gaps between a thread's syscalls are user code: only when every syscall is traced.
     * Go precedes each tgkill with getpid and sysmon sleeps with nanosleep; a capture missing
     * either traced a subset (-e trace=...).
     */
    boolean runsObservable(int sysmonTid) {
        return !subsetRecorded && sysmonTid >= 0 && (sent == 0 || getpidSeen);
    }

    private boolean subsetRecorded;

    /** The capture recorded only some syscalls (capture --filter preemption): gaps between them are no user runs. */
    void subsetRecorded() {
        subsetRecorded = true;
    }

    boolean subsetIsRecorded() {
        return subsetRecorded;
    }

    void preemptionAttempt(long ranNs) {
        attempts++;
        latency.record(ranNs);
        latencySamples.add(Math.max(ranNs, 0));
    }

    /** @see SigurgBySender#delivered */
    void sigurgDelivered(int senderTid, int sysmonTid, long runNs, long latencyNs) {
        bySender.delivered(senderTid, sysmonTid, runNs, latencyNs);
        if (latencyNs >= 0) {
            deliveryLatency.record(latencyNs);
        }
    }

    /** sysmon's requests to one thread on consecutive rounds; the longest-lasting streak is kept. */
    void sysmonStreak(int tid, int requests, long spanNs) {
        if (spanNs > streakSpan || spanNs == streakSpan && (requests > streakRequests
                || requests == streakRequests && tid < streakTid)) {
            streakTid = tid;
            streakRequests = requests;
            streakSpan = spanNs;
        }
    }

    /** A thread's longest stretch of user code, -1 when it showed none; the longest of all is kept. */
    void userRun(int tid, long ns, RunEnd end) {
        if (ns > longestRun || ns == longestRun && ns >= 0 && tid < longestRunTid) {
            longestRun = ns;
            longestRunTid = tid;
            longestRunEnd = end;
        }
    }

    void eintr(String syscall) {
        eintr.computeIfAbsent(syscall, k -> new long[1])[0]++;
    }

    void restart(String syscall) {
        restarts.computeIfAbsent(syscall, k -> new long[1])[0]++;
    }

    private long lastDelay = -1;
    private long[] lastDelayCount;

    void sysmonSleep(long requestedNs, long actualNs) {
        if (actualNs >= 0) {
            sysmonSlept.record(actualNs);
        }
        if (requestedNs == Observation.SysmonSlept.UNKNOWN) {
            return;
        }
        // sysmon repeats one delay for long runs: count those without a boxed map lookup
        if (requestedNs != lastDelay) {
            lastDelay = requestedNs;
            lastDelayCount = sysmonDelays.computeIfAbsent(requestedNs, k -> new long[1]);
        }
        lastDelayCount[0]++;
        maxSysmonDelay = Math.max(maxSysmonDelay, requestedNs);
        if (actualNs >= requestedNs) {
            overshoot.recordValue(Math.min(actualNs - requestedNs, MAX_TRACKED_NS));
        }
    }

    long sentCount() {
        return sent;
    }

    /** sysmon's largest observed delay: its steady state when the capture runs long enough. */
    long maxSysmonDelayNs() {
        return maxSysmonDelay;
    }

    /** How much sysmon's sleeps overran under tracing (p99), or -1 without sysmon sleeps. */
    long overshootP99Ns() {
        return overshoot.getTotalCount() == 0 ? -1 : overshoot.getValueAtPercentile(99);
    }

    AnalysisMetrics result(long coalesced, int sysmonTid, AnalysisMetrics.Calibration calibration, boolean cooperativeVisible) {
        // without timestamps the clock counts events: no latency can be measured
        boolean runsMeasured = runsObservable(sysmonTid) && timed;
        AnalysisMetrics.Latency lat = runsMeasured ? latency.latency() : new AnalysisMetrics.Latency(0, null, null, null, null);
        AnalysisMetrics.SigurgSenders senders = timed ? bySender.result(sysmonTid, sent, sentBy(sysmonTid), runsMeasured) : null;
        AnalysisMetrics.LongestRun longest = runsMeasured && longestRun >= 0
                ? new AnalysisMetrics.LongestRun(Durations.ms(longestRun), longestRunTid, longestRunEnd.label) : null;
        Map<String, Long> delays = new java.util.LinkedHashMap<>();
        sysmonDelays.forEach((ns, c) -> delays.put(String.valueOf(ns / 1000), c[0]));
        // without timestamps the replay's clock counts events, which is no duration
        double duration = timed && firstNs <= lastNs ? (lastNs - firstNs) / 1e6 : 0;
        return new AnalysisMetrics(sent, delivered, coalesced,
                new AnalysisMetrics.Preemptions(attempts, cooperativeVisible ? 0L : null), lat,
                lat.count() == 0 ? null : basis, null,
                sorted(eintr), sorted(restarts),
                new AnalysisMetrics.Sysmon(sysmonTid, delays,
                        overshoot.getTotalCount() == 0 ? null : overshootP99Ns() / 1000.0,
                        sysmonSlept.count() == 0 ? null : sysmonSlept.delays()),
                threads.size(), Math.round(duration * 1000) / 1000.0, timed, calibration,
                sysmonTid < 0 ? null : sentBy(sysmonTid), senders, timed ? deliveryLatency.latency() : null, longest,
                timed && streakTid >= 0 ? new AnalysisMetrics.RequestStreak(streakTid, streakRequests, Durations.ms(streakSpan))
                        : null, null, null);
    }

    private static Map<String, Long> sorted(Map<String, long[]> map) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }
}
