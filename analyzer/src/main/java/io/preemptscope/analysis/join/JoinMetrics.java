package io.preemptscope.analysis.join;

import java.util.List;
import java.util.Map;

/**
 * The strace and Go trace of one run joined: each async preemption of the trace matched to the
 * SIGURG delivery that caused it and to the tgkill that sent it, on one clock.
 *
 * @param asyncPreemptions async preemptions in the trace
 * @param joined of them, those joined to a SIGURG delivery
 * @param aligned of them, those within a millisecond of their thread's return from the handler (of
 *     their delivery, when the capture has no rt_sigreturn): what says the two captures are of one run
 * @param signalsWithoutPreemption SIGURG deliveries to the trace's threads, while it ran, that no
 *     async preemption followed: the signal found an unsafe point, or the goroutine it was meant
 *     for had already left, or it was the GC asking for a stack scan (no scheduler event)
 * @param signalsWithoutPreemptionBySender of those, by sender: {@code sysmon}, {@code others}
 *     (the GC, stop-the-world) and {@code unseen}
 * @param signalsWithoutPreemptionByState of those, by what the trace shows the thread's M doing
 *     when the signal came: {@code goroutineRunning} (the handler found an unsafe point, or the GC
 *     scanned the stack: the goroutine kept its P), {@code noGoroutine} (the goroutine had left the
 *     thread by then: blocked, in a syscall that lost its P, or preempted already) or {@code
 *     unknown} (no run slice of that M in the trace)
 * @param preemptionsWithoutSignal async preemptions no delivery was found for
 * @param clockOffsetNs strace's clock minus the trace's: add it to a trace time to get strace's;
 *     null when no consistent offset was found
 * @param clockOffsetUncertaintyNs half the width of the interval the offset lies in
 * @param clockBasis what the offset rests on, in words
 * @param consistent whether one offset explains the two captures (false: they look like two
 *     runs), null when there is too little in them to tell
 * @param agreement what {@code consistent} rests on, in words
 * @param threadMap the trace's Ms (or threads) and strace's TIDs
 * @param signalToPreemptMs tgkill to the GoPreempt it caused, for joined preemptions whose tgkill
 *     the capture shows
 * @param tgkillToDeliveryMs tgkill to delivery, for those
 * @param deliveryToPreemptMs delivery to GoPreempt, for every joined preemption
 * @param userRunVsSliceMs for each joined preemption whose SIGURG interrupted user code: how far the
 *     kernel-side capture's user run at the delivery is from the length of the time slice the trace
 *     shows it ended, |run - slice|. The tracer's own distortion, when the slice is one run
 * @param preemptions the joined preemptions, the first {@link #LISTED} of them
 * @param onCpuChecks with a perf capture, each mapped M's run slices against its thread's time on a
 *     CPU; empty otherwise
 */
public record JoinMetrics(
        long asyncPreemptions,
        long joined,
        long aligned,
        long signalsWithoutPreemption,
        Map<String, Long> signalsWithoutPreemptionBySender,
        Map<String, Long> signalsWithoutPreemptionByState,
        long preemptionsWithoutSignal,
        Long clockOffsetNs,
        Long clockOffsetUncertaintyNs,
        String clockBasis,
        Boolean consistent,
        String agreement,
        List<ThreadMapping> threadMap,
        Delays signalToPreemptMs,
        Delays tgkillToDeliveryMs,
        Delays deliveryToPreemptMs,
        Delays userRunVsSliceMs,
        List<JoinedPreemption> preemptions,
        List<OnCpuCheck> onCpuChecks) {

    public static final int LISTED = 1000;

    /** The same join, checked against perf's record of when each thread was on a CPU. */
    public JoinMetrics withOnCpuChecks(List<OnCpuCheck> checks) {
        return new JoinMetrics(asyncPreemptions, joined, aligned, signalsWithoutPreemption,
                signalsWithoutPreemptionBySender, signalsWithoutPreemptionByState, preemptionsWithoutSignal,
                clockOffsetNs, clockOffsetUncertaintyNs, clockBasis, consistent, agreement, threadMap,
                signalToPreemptMs, tgkillToDeliveryMs, deliveryToPreemptMs, userRunVsSliceMs, preemptions,
                List.copyOf(checks));
    }
}
