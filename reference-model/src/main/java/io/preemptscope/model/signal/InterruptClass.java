package io.preemptscope.model.signal;

/**
 * How a Linux syscall behaves when a signal with a handler interrupts it (preemption-model.md
 * §5.5), as a class of syscalls.
 */
public enum InterruptClass {
    /** Slow-device I/O, futex without timeout, wait4, accept, ...: ERESTARTSYS, restarted under SA_RESTART. */
    RESTARTABLE(RestartCode.ERESTARTSYS),
    /** futex with timeout, nanosleep, clock_nanosleep, poll: ERESTART_RESTARTBLOCK, EINTR with a handler. */
    RESTART_BLOCK(RestartCode.ERESTART_RESTARTBLOCK),
    /** ppoll, select, pselect6, pause, rt_sigsuspend: ERESTARTNOHAND, EINTR with a handler. */
    NO_HANDLER_RESTART(RestartCode.ERESTARTNOHAND),
    /** clone, fork, vfork: ERESTARTNOINTR, always restarted. */
    ALWAYS_RESTARTED(RestartCode.ERESTARTNOINTR),
    /** epoll_wait/epoll_pwait, sigtimedwait, semop, msgrcv, io_getevents: -EINTR directly, never restarted. */
    NEVER_RESTARTED(null),
    /** Anything else: not known to sleep interruptibly. */
    OTHER(null);

    private final RestartCode code;

    InterruptClass(RestartCode code) {
        this.code = code;
    }

    /** The code the kernel leaves when interrupted, or null where it returns -EINTR itself. */
    public RestartCode code() {
        return code;
    }

    /**
     * The class of a syscall.
     *
     * @param futexTimeout for futex: whether the wait has a timeout
     */
    public static InterruptClass of(String syscall, boolean futexTimeout) {
        return switch (syscall) {
            case "read", "readv", "write", "writev", "pread64", "pwrite64", "ioctl", "open", "openat",
                    "wait4", "waitid", "accept", "accept4", "connect", "recvfrom", "recvmsg", "recvmmsg",
                    "sendto", "sendmsg", "sendmmsg", "flock", "getrandom", "mq_timedreceive", "mq_timedsend" ->
                    RESTARTABLE;
            case "futex" -> futexTimeout ? RESTART_BLOCK : RESTARTABLE;
            case "nanosleep", "clock_nanosleep", "poll" -> RESTART_BLOCK;
            case "ppoll", "select", "pselect6", "pause", "rt_sigsuspend", "sigsuspend" -> NO_HANDLER_RESTART;
            case "clone", "clone3", "fork", "vfork" -> ALWAYS_RESTARTED;
            case "epoll_wait", "epoll_pwait", "epoll_pwait2", "rt_sigtimedwait", "semop", "semtimedop",
                    "msgrcv", "msgsnd", "io_getevents", "io_pgetevents" -> NEVER_RESTARTED;
            default -> OTHER;
        };
    }

    /** With Go's SA_RESTART handler: does the program see EINTR when this class is interrupted? */
    public boolean eintrUnderGoHandler() {
        return switch (this) {
            case RESTART_BLOCK, NO_HANDLER_RESTART, NEVER_RESTARTED -> true;
            default -> false;
        };
    }
}
