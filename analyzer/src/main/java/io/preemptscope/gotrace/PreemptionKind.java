package io.preemptscope.gotrace;

import java.util.List;

/**
 * How a goroutine was preempted. Neither trace format records it; the stack of the preemption event
 * tells: an async preemption is injected by the SIGURG handler, so {@code runtime.asyncPreempt} is the
 * innermost frame, while a cooperative one comes from a function prologue's stack check.
 */
public enum PreemptionKind {
    ASYNC,
    COOPERATIVE;

    static final String ASYNC_FRAME = "runtime.asyncPreempt";

    public static PreemptionKind of(List<Frame> stack) {
        return !stack.isEmpty() && ASYNC_FRAME.equals(stack.get(0).function()) ? ASYNC : COOPERATIVE;
    }
}
