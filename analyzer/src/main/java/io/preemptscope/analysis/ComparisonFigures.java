package io.preemptscope.analysis;

import io.preemptscope.model.check.Observation;
import io.preemptscope.util.IntMap;

/**
 * What a comparison of two runs needs beyond the report, read off the observations on their way to
 * the checker: the slices that preemptions ended (Go trace), SIGURG delivery latency and the
 * longest starvation. The strace preemption latencies come from {@link ReplayMetrics}, which
 * decides which SIGURG arrivals count.
 */
final class ComparisonFigures {
    private static final String SIGURG = "SIGURG";

    private final SampleReservoir traceSlices = new SampleReservoir();
    private final SampleReservoir delivery = new SampleReservoir();
    /** The first SIGURG sent to each thread and not yet delivered; later ones coalesce into it. */
    private final IntMap<long[]> pendingSince = new IntMap<>();
    /**
     * A delivery seen before its send: a tgkill strace printed unfinished is observed when it
     * returns, often after the signal it sent has arrived, though stamped with its entry time.
     */
    private final IntMap<long[]> deliveredUnmatched = new IntMap<>();
    private long longestUserRunNs;
    private long longestWaitNs;

    void observe(Observation o) {
        if (o instanceof Observation.SignalSent s && SIGURG.equals(s.signal())) {
            long[] early = deliveredUnmatched.get(s.targetTid());
            if (early != null && early[0] >= s.timeNs()) {
                delivery.add(early[0] - s.timeNs());
                deliveredUnmatched.remove(s.targetTid());
            } else if (pendingSince.get(s.targetTid()) == null) {
                pendingSince.put(s.targetTid(), new long[] {s.timeNs()});
            }
        } else if (o instanceof Observation.SignalDelivered d && SIGURG.equals(d.signal())) {
            long[] since = pendingSince.get(d.tid());
            if (since != null && since[0] <= d.timeNs()) {
                delivery.add(d.timeNs() - since[0]);
                pendingSince.remove(d.tid());
            } else {
                deliveredUnmatched.put(d.tid(), new long[] {d.timeNs()});
            }
        } else if (o instanceof Observation.UserRun r) {
            longestUserRunNs = Math.max(longestUserRunNs, r.lengthNs());
        } else if (o instanceof Observation.TimeSlice s) {
            if (s.end() == Observation.SliceEnding.PREEMPTED_ASYNC
                    || s.end() == Observation.SliceEnding.PREEMPTED_COOPERATIVE) {
                traceSlices.add(Math.max(0, s.lengthNs()));
            }
            // a long slice alone on the machine starves nobody; what counts is how long others waited
            longestWaitNs = Math.max(longestWaitNs, Math.min(s.lengthNs(), s.othersWaitedNs()));
        }
    }

    /**
     * @param straceLatency the strace latencies, or null when the report shows none for strace
     *     (untimed, filtered, or a Go trace measured them instead)
     * @param fromTrace the report's latency comes from a Go trace
     * @param straceTimed the strace capture has timestamps, so delivery latencies are durations
     */
    LatencySamples samples(LatencySamples.Sample straceLatency, boolean fromTrace, boolean straceTimed) {
        LatencySamples.Sample preemption = fromTrace ? traceSlices.sample()
                : straceLatency == null ? LatencySamples.Sample.EMPTY : straceLatency;
        return new LatencySamples(preemption, straceTimed ? delivery.sample() : LatencySamples.Sample.EMPTY,
                Math.max(straceTimed ? longestUserRunNs : 0, longestWaitNs));
    }
}
