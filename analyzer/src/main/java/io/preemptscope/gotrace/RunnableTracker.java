package io.preemptscope.gotrace;

import io.preemptscope.util.LongMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Follows which goroutines stand runnable, ready and waiting only for a P, as an ordered event
 * stream goes past, and reports each such stretch when it ends. A goroutine that is blocked,
 * asleep or in a syscall is not runnable however long it waits: a free P would not run it.
 *
 * <p>Each format states the goroutines that exist when it begins: v1 writes a GoCreate for every
 * one, followed by GoWaiting or GoInSyscall for those that are not runnable; v2 writes a GoStatus
 * with the goroutine's state at the start of every generation (and when one is first mentioned).
 */
public final class RunnableTracker {
    /** Receives each stretch a goroutine stood runnable, once it started running or the trace ended. */
    public interface Listener {
        void runnable(long g, long fromNs, long toNs);
    }

    /** v2's GoStatus code for a runnable goroutine; v1's status events (GoWaiting, GoInSyscall) carry no code. */
    private static final long GSTATUS_RUNNABLE = 1;

    private final Listener listener;
    private final LongMap<long[]> since = new LongMap<>();
    private long lastTs;

    public RunnableTracker(Listener listener) {
        this.listener = listener;
    }

    public void accept(GoEvent e) {
        lastTs = Math.max(lastTs, e.tsNs());
        switch (e.kind()) {
            case GO_CREATED, GO_UNBLOCKED -> runnable(e.targetG(), e.tsNs());
            case GO_PREEMPTED_ASYNC, GO_PREEMPTED_COOPERATIVE, GO_YIELDED -> runnable(e.g(), e.tsNs());
            // v1 names the goroutine (GoSysExit is written on a fake P); v2 writes it on the goroutine's M
            case SYSCALL_EXITED_BLOCKED -> runnable(e.targetG() != 0 ? e.targetG() : e.g(), e.tsNs());
            case GO_STATUS -> {
                if (e.arg("gstatus") == GSTATUS_RUNNABLE) {
                    runnable(e.targetG(), e.tsNs());
                } else {
                    since.remove(e.targetG());
                }
            }
            case GO_STARTED, GO_SWITCHED, GO_SWITCHED_EXITING -> started(e.targetG(), e.tsNs());
            default -> { }
        }
    }

    /** Reports the goroutines still runnable when the trace stopped, in goroutine order. */
    public void finish() {
        Map<Long, long[]> byG = new TreeMap<>();
        since.forEach(byG::put);
        byG.forEach((g, from) -> listener.runnable(g, from[0], lastTs));
        byG.keySet().forEach(since::remove);
    }

    private void runnable(long g, long ts) {
        // a restated status (a new generation) must not move the start of a wait already under way
        if (g != 0 && !since.containsKey(g)) {
            since.put(g, new long[] {ts});
        }
    }

    private void started(long g, long ts) {
        long[] from = since.get(g);
        if (from != null) {
            since.remove(g);
            listener.runnable(g, from[0], ts);
        }
    }
}
