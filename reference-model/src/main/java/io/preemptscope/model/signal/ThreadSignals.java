package io.preemptscope.model.signal;

import java.util.HashSet;
import java.util.Set;

/**
 * One thread's signal state (preemption-model.md §5.1–5.4): its pending set, in which a standard
 * signal is never queued twice, and whether a handler is running, during which Go's sa_mask
 * blocks every signal.
 */
public final class ThreadSignals {
    private final Set<String> pending = new HashSet<>();
    private int handlersRunning;

    /**
     * A signal sent to this thread. Returns false when an instance is already pending: the kernel
     * coalesces it (tgkill still returns 0) and no extra delivery will follow.
     */
    public boolean post(String signal) {
        return pending.add(signal);
    }

    public boolean isPending(String signal) {
        return pending.contains(signal);
    }

    /** A delivery: the signal leaves the pending set and its handler starts. */
    public void deliver(String signal, boolean handlerRuns) {
        pending.remove(signal);
        if (handlerRuns) {
            handlersRunning++;
        }
    }

    /** rt_sigreturn: the innermost handler ends and the saved mask returns. */
    public void handlerReturned() {
        if (handlersRunning > 0) {
            handlersRunning--;
        }
    }

    /** Every signal is blocked while a Go handler runs (sa_mask = all). */
    public boolean inHandler() {
        return handlersRunning > 0;
    }

    public Set<String> pending() {
        return Set.copyOf(pending);
    }
}
