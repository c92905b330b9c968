package io.preemptscope.analysis;

import java.util.Map;

/**
 * What the analysis measured.
 *
 * @param preemptions async = SIGURG deliveries that interrupted user code (preemption attempts the
 *     capture shows); cooperative = null where the capture cannot show them (strace alone)
 * @param preemptLatencyMs with a Go trace: the length of each time slice a preemption ended (slices
 *     that ended otherwise, or ran to the end of the trace, are not in it); from strace alone: how
 *     long the target thread had run in user space since its last syscall when each such SIGURG
 *     arrived, whoever sent it. That is no time slice and bounds none: a slice goes on across
 *     the fast syscalls its goroutine makes (and across a SIGURG that fails to preempt), and
 *     goroutines take turns on a thread without a syscall
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
 * @param sigurgBySender the SIGURG deliveries of a strace capture by who sent them; null without
 *     timestamps or when sysmon was not found; its user runs are empty where preemptLatencyMs is
 *     (a capture that filters syscalls)
 * @param sigurgDeliveryLatencyMs from each tgkill(SIGURG) to the delivery it caused, whoever sent
 *     it; null without timestamps
 * @param longestUserRun the longest stretch of user code strace shows on one thread, however it
 *     ended (a still-running one included); null where preemptLatencyMs from strace is empty for
 *     want of timestamps, sysmon or every syscall
 * @param sysmonRequestStreak sysmon's longest-lasting streak of SIGURGs to one thread on
 *     consecutive rounds; null when sysmon sent none or the capture has no timestamps
 * @param join a strace capture and a Go trace of one run joined: each async preemption matched to
 *     the SIGURG that caused it; null unless the inputs hold both, with timestamps
 * @param kernel what a perf capture shows of the kernel's scheduling and signal generation; null
 *     for a strace capture
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
        Long sigurgSentBySysmon,
        SigurgSenders sigurgBySender,
        Latency sigurgDeliveryLatencyMs,
        LongestRun longestUserRun,
        RequestStreak sysmonRequestStreak,
        io.preemptscope.analysis.join.JoinMetrics join,
        io.preemptscope.analysis.kernel.KernelMetrics kernel) {

    /** The same figures with what a Go trace measures directly in place of the strace proxies. */
    public AnalysisMetrics withTrace(Preemptions fromTrace, Latency slices, long retakes) {
        return new AnalysisMetrics(sigurgSent, sigurgDelivered, sigurgCoalesced, fromTrace, slices,
                "go trace: length of each preempted time slice", retakes, eintr, restarts, sysmon, threads, durationMs,
                timed, calibration, sigurgSentBySysmon, sigurgBySender, sigurgDeliveryLatencyMs, longestUserRun,
                sysmonRequestStreak, join, kernel);
    }

    /** The same figures with the join of the strace capture and the Go trace. */
    public AnalysisMetrics withJoin(io.preemptscope.analysis.join.JoinMetrics joined) {
        return new AnalysisMetrics(sigurgSent, sigurgDelivered, sigurgCoalesced, preemptions, preemptLatencyMs,
                latencyBasis, syscallRetakes, eintr, restarts, sysmon, threads, durationMs, timed, calibration,
                sigurgSentBySysmon, sigurgBySender, sigurgDeliveryLatencyMs, longestUserRun, sysmonRequestStreak,
                joined, kernel);
    }

    /** The same figures with a perf capture's view of the kernel. */
    public AnalysisMetrics withKernel(io.preemptscope.analysis.kernel.KernelMetrics measured) {
        return new AnalysisMetrics(sigurgSent, sigurgDelivered, sigurgCoalesced, preemptions, preemptLatencyMs,
                latencyBasis, syscallRetakes, eintr, restarts, sysmon, threads, durationMs, timed, calibration,
                sigurgSentBySysmon, sigurgBySender, sigurgDeliveryLatencyMs, longestUserRun, sysmonRequestStreak,
                join, measured);
    }

    /** The same figures without those only a strace capture can show (signals, syscall results). */
    public AnalysisMetrics withoutStrace() {
        return new AnalysisMetrics(null, null, null, preemptions, preemptLatencyMs, latencyBasis, syscallRetakes,
                null, null, sysmon, threads, durationMs, timed, calibration, null, null, null, null, null, null, null);
    }

    /** Whether the inputs had a strace capture: signals and syscall results are measured. */
    public boolean straceMeasured() {
        return sigurgSent != null;
    }

    public record Preemptions(long async, Long cooperative) {}

    public record Latency(long count, Double p50, Double p90, Double p99, Double max) {}

    /**
     * Each SIGURG delivery is matched to the first send to its thread still pending: the kernel
     * merges later ones into it.
     *
     * @param sysmon retake's preemption requests: sysmon asks for a time slice it has seen last
     *     forcePreemptNS
     * @param others every other thread of the process: the GC's suspendG, stop-the-world and
     *     forEachP, which ask whatever runs, however long it has
     * @param unseen deliveries whose tgkill the capture does not show: another process sent them,
     *     or the capture left the call out
     */
    public record SigurgSenders(SigurgSender sysmon, SigurgSender others, SigurgSender unseen) {}

    /**
     * @param sent tgkill(SIGURG) calls; null for unseen senders
     * @param delivered deliveries matched to these sends
     * @param userRunBeforeDeliveryMs of those deliveries that interrupted user code (not a syscall
     *     or a handler): how long the thread had run since its last syscall; a time slice can be
     *     longer or shorter (see preemptLatencyMs)
     * @param deliveryLatencyMs from the sender's tgkill to the delivery on the target; null for
     *     unseen senders
     */
    public record SigurgSender(Long sent, long delivered, Latency userRunBeforeDeliveryMs, Latency deliveryLatencyMs) {}

    /**
     * The longest a thread ran user code between two syscalls, sysmon's thread aside (it runs no
     * user code; SYSMON_STALL judges its gaps). It includes what the strace forms of
     * COOP_STARVATION and PREEMPT_LATENCY_EXCEEDED report, a run still going at the end included.
     *
     * @param endedBy what ended it: {@code syscall}, {@code SIGURG}, {@code signal} (another
     *     signal's handler), {@code stop} (a group-stop), {@code killed} or {@code capture end}
     *     (still running then)
     */
    public record LongestRun(double ms, int tid, String endedBy) {}

    /**
     * sysmon's SIGURGs to one thread on consecutive rounds of retake, which repeats its request
     * every round while the same time slice lasts: what SIGURG_DELIVERED_NO_PREEMPT reads a slice
     * of at least forcePreemptNS plus the span from. One request is a streak of 1 and span 0.
     *
     * @param spanMs from the first request's tgkill to the last's
     */
    public record RequestStreak(int tid, int requests, double spanMs) {}

    /**
     * @param tid the sysmon thread found by its nanosleep fingerprint, -1 when none
     * @param delays sysmon's sleeps by requested length in µs; empty where the capture shows no
     *     request (perf sees nanosleep's argument as an address)
     * @param sleptMs how long sysmon's sleeps really lasted, each measured from its entry to its
     *     return; null without any
     */
    public record Sysmon(int tid, Map<String, Long> delays, Double overshootP99Us,
            io.preemptscope.analysis.join.Delays sleptMs) {}

    /**
     * The thresholds used, as calibrated from the capture.
     *
     * @param slackUs per-round allowance for sysmon: timer slack plus jitter, raised to what the
     *     capture's own sysmon sleeps overshoot by under tracing
     * @param preemptDeadlineMs the latest a preemption request may come in a time slice
     */
    public record Calibration(double slackUs, double sysmonDelayUs, double preemptDeadlineMs) {}
}
