package io.preemptscope.analysis.join;

/**
 * One async preemption of a Go trace joined to the SIGURG that caused it.
 *
 * @param g the goroutine preempted
 * @param tid the thread it ran on
 * @param preempt the GoPreempt event: the trace and its byte offset, FILE@OFFSET
 * @param delivery the {@code --- SIGURG ---} line, FILE:LINE
 * @param tgkill the tgkill that sent it; null when the capture does not show it
 * @param sender the thread that sent it, -1 when unseen
 * @param bySysmon whether sysmon sent it (retake's request), null when sysmon was not found
 * @param tgkillToDeliveryMs null when the tgkill is not seen
 * @param deliveryToPreemptMs from the delivery to the trace's GoPreempt, on the joined clock
 * @param totalMs tgkill to GoPreempt; null when the tgkill is not seen
 * @param preemptNs the GoPreempt's time on the strace clock (ns)
 */
public record JoinedPreemption(long g, int tid, String preempt, String delivery, String tgkill, int sender,
        Boolean bySysmon, Double tgkillToDeliveryMs, double deliveryToPreemptMs, Double totalMs, long preemptNs) {}
