package io.preemptscope.model.sim;

/** Why a goroutine stopped running on its P. */
public enum SliceEnd {
    /** SIGURG landed and asyncPreempt ran (go1.14+, §3.2). */
    PREEMPTED_ASYNC,
    /** A function prologue saw the poisoned stack guard (§4.2). */
    PREEMPTED_COOPERATIVE,
    /** Parked, e.g. on a timer. */
    BLOCKED,
    /** Entered a syscall. */
    SYSCALL,
    /** Ran its last phase. */
    EXIT,
    /** Still running when the capture ended. */
    END
}
