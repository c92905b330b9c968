package io.preemptscope.model.signal;

/** What the program sees after a signal interrupted one of its syscalls. */
public enum InterruptOutcome {
    /** The kernel re-executes the same syscall: transparent to the program. */
    RESTARTED,
    /** The kernel continues through restart_syscall() (no handler ran). */
    RESTART_SYSCALL,
    /** The program gets -1 EINTR and must retry itself. */
    EINTR
}
