package io.preemptscope.gotrace;

/**
 * One stop of the world as a Go trace shows it. Its length from request to restart has two
 * parts: the wait until every other P stopped (what a goroutine that cannot be stopped makes
 * long) and the work done while the world stood still (sweep and mark termination, GOMAXPROCS).
 *
 * @param requestNs when the stop was requested (GCSTWStart, STWBegin)
 * @param requestOffset where the request is in the file
 * @param kind the reason the trace gives ("GC sweep termination"), null when it gives none
 * @param requesterP the P of the goroutine that stopped the world, which does not stop itself
 * @param doneNs when the world ran again (GCSTWDone, STWEnd)
 * @param stoppedNs when the last other P stopped; the request itself when no other P had to;
 *     -1 when the trace cannot show it
 * @param lastP the P that stopped last, -1 when no other P had to stop
 * @param lastStopOffset where its stop (ProcStop, ProcSteal) is in the file, -1 when none
 * @param straggler of the goroutines running when the stop was requested, the one that held its
 *     P longest after it; null when none was running on another P
 * @param unmeasurable why the trace cannot show when the last P stopped, null when it can
 */
public record WorldStop(long requestNs, long requestOffset, String kind, int requesterP, long doneNs,
        long stoppedNs, int lastP, long lastStopOffset, Straggler straggler, String unmeasurable) {

    /**
     * A goroutine that was running on another P when the stop was requested.
     *
     * @param startNs when its run slice began, before the request
     * @param endNs when the event that took it off its P came (a preemption, a block, its P taken
     *     from a syscall)
     * @param endOffset where that event is in the file
     */
    public record Straggler(long g, int p, long startNs, long endNs, long endOffset) {}

    /** From the request until the last other P stopped; -1 when the trace cannot show it. */
    public long waitNs() {
        return stoppedNs < 0 ? -1 : stoppedNs - requestNs;
    }
}
