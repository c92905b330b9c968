package io.preemptscope.model.sim;

import java.util.List;

/** A simulated goroutine. */
final class SimG {
    enum State { RUNNABLE, RUNNING, SYSCALL, SLEEPING, DONE }

    final int id;
    final List<Phase> phases;
    State state = State.RUNNABLE;
    int phase;
    /** CPU time left in the current burst; -1 until the burst starts. */
    long remaining = -1;
    /** Set by preemptone, cleared by execute: the stack guard is poisoned (§2.1 rule 3). */
    boolean preempt;
    SimM m;
    long sliceStart;
    /** When the current stretch of CPU time began (for burst accounting). */
    long runStart;
    /** Bumped whenever the G stops or resumes; events from an older stint are stale. */
    int stint;
    long timerAt = -1;

    SimG(int id, List<Phase> phases) {
        this.id = id;
        this.phases = phases;
    }

    Phase current() {
        return phase < phases.size() ? phases.get(phase) : null;
    }

    boolean inCallFreeBurst() {
        return current() instanceof Phase.Burst b && b.callFree();
    }
}
