package io.preemptscope.model.sim;

/** A simulated P with the sysmontick sysmon keeps for it (§1.6). */
final class SimP {
    enum Status { IDLE, RUNNING, SYSCALL }

    final int id;
    Status status = Status.IDLE;
    SimM m;
    long schedtick;
    long syscalltick;
    /** The P's own preempt flag, set by preemptone when async preemption is on (§2.1 rule 4). */
    boolean preempt;
    long seenSchedtick = -1;
    long schedwhen;
    long seenSyscalltick = -1;
    long syscallwhen;

    SimP(int id) {
        this.id = id;
    }
}
