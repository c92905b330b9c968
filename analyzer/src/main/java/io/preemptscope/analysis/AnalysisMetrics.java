package io.preemptscope.analysis;

import java.util.Map;

/**
 * What the analysis measured.
 *
 * @param preemptions async = SIGURG deliveries that interrupted user code (preemption attempts the
 *     capture shows); cooperative = null where the capture cannot show them (strace alone)
 * @param preemptLatencyMs with a Go trace: the length of each time slice a preemption ended; from
 *     strace alone: how long the target thread had run in user space when each such SIGURG
 *     arrived, an upper bound on the time slice it ended
 * @param latencyBasis which of the two preemptLatencyMs is
 * @param syscallRetakes from a Go trace: time slices that ended because the P was taken from a
 *     goroutine blocked in a syscall (GoSysBlock); null without a trace
 * @param sigurgSent null, like sigurgDelivered, sigurgCoalesced, eintr and restarts, when the
 *     inputs hold no strace capture: a Go trace records no signal and no syscall result
 * @param eintr EINTR that reached the program, by syscall (direct, or through a restart code)
 * @param restarts interrupted syscalls the kernel restarted transparently, by syscall
 * @param sigurgSentBySysmon of sigurgSent, those from the sysmon thread (retake's requests); the
 *     rest come from GC (suspendG) and stop-the-world; null when sysmon was not found
 * @param timed whether the strace capture has timestamps; without them durationMs is 0 and no
 *     duration or latency is measured
 */
public record AnalysisMetrics(
        Long sigurgSent,
        Long sigurgDelivered,
        Long sigurgCoalesced,
        Preemptions preemptions,
        Latency preemptLatencyMs,
        String latencyBasis,
        Long syscallRetakes,
        Map<String, Long> eintr,
        Map<String, Long> restarts,
        Sysmon sysmon,
        int threads,
        double durationMs,
        boolean timed,
        Calibration calibration,
        Long sigurgSentBySysmon) {

    /** The same figures with what a Go trace measures directly in place of the strace proxies. */
    public AnalysisMetrics withTrace(Preemptions fromTrace, Latency slices, long retakes) {
        return new AnalysisMetrics(sigurgSent, sigurgDelivered, sigurgCoalesced, fromTrace, slices,
                "go trace: length of each preempted time slice", retakes, eintr, restarts, sysmon, threads, durationMs,
                timed, calibration, sigurgSentBySysmon);
    }

    /** The same figures without those only a strace capture can show (signals, syscall results). */
    public AnalysisMetrics withoutStrace() {
        return new AnalysisMetrics(null, null, null, preemptions, preemptLatencyMs, latencyBasis, syscallRetakes,
                null, null, sysmon, threads, durationMs, timed, calibration, null);
    }

    /** Whether the inputs had a strace capture: signals and syscall results are measured. */
    public boolean straceMeasured() {
        return sigurgSent != null;
    }

    public record Preemptions(long async, Long cooperative) {}

    public record Latency(long count, Double p50, Double p90, Double p99, Double max) {}

    /**
     * @param tid the sysmon thread found by its nanosleep fingerprint, -1 when none
     * @param delays sysmon's sleeps by requested length in µs
     */
    public record Sysmon(int tid, Map<String, Long> delays, Double overshootP99Us) {}

    /**
     * The thresholds used, as calibrated from the capture.
     *
     * @param slackUs per-round allowance for sysmon: timer slack plus jitter, raised to what the
     *     capture's own sysmon sleeps overshoot by under tracing
     * @param preemptDeadlineMs the latest a preemption request may come in a time slice
     */
    public record Calibration(double slackUs, double sysmonDelayUs, double preemptDeadlineMs) {}
}
