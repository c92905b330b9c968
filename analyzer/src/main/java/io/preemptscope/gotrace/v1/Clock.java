package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.FakeP;
import java.util.Set;

/**
 * Ticks to nanoseconds since the first event, in floating point as Go does (no overflow), plus the
 * pseudo-Ps Go's parser gives timer wakeups and syscall exits at the same step.
 */
final class Clock {
    private final double nsPerTick;
    private final Set<Long> timerGoroutines;
    private boolean started;
    private long minTs;

    Clock(long ticksPerSecond, Set<Long> timerGoroutines) {
        this.nsPerTick = 1e9 / (double) ticksPerSecond;
        this.timerGoroutines = timerGoroutines;
    }

    /** Events must come in their final order: the first one is time zero. */
    void accept(V1Event ev) {
        if (!started) {
            minTs = ev.ts;
            started = true;
        }
        ev.ts = (long) ((double) (ev.ts - minTs) * nsPerTick);
        if (ev.type == EventType.GO_UNBLOCK && !timerGoroutines.isEmpty() && timerGoroutines.contains(ev.g)) {
            ev.p = FakeP.TIMER;
        }
        if (ev.type == EventType.GO_SYS_EXIT) {
            ev.p = FakeP.SYSCALL;
        }
    }
}
