package io.preemptscope.model.signal;

/** The kernel-internal codes a signal-interrupted syscall leaves behind (preemption-model.md §5.5–5.6). */
public enum RestartCode {
    ERESTARTSYS(512),
    ERESTARTNOINTR(513),
    ERESTARTNOHAND(514),
    ERESTART_RESTARTBLOCK(516);

    private static final RestartCode[] ALL = values();

    private final int number;

    RestartCode(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The code named by strace's text, or null for anything else (EINTR included). */
    public static RestartCode named(String errno) {
        // asked of every failed syscall (futexsleep's ETIMEDOUT above all): no array copy, no compares
        if (errno == null || !errno.startsWith("ERESTART")) {
            return null;
        }
        for (RestartCode c : ALL) {
            if (c.name().equals(errno)) {
                return c;
            }
        }
        return null;
    }

    /** What user space sees once the interruption is over (§5.5, x86 handle_signal / do_signal). */
    public InterruptOutcome outcome(boolean handlerRan, boolean saRestart) {
        if (!handlerRan) {
            return this == ERESTART_RESTARTBLOCK ? InterruptOutcome.RESTART_SYSCALL : InterruptOutcome.RESTARTED;
        }
        return switch (this) {
            case ERESTART_RESTARTBLOCK, ERESTARTNOHAND -> InterruptOutcome.EINTR;
            case ERESTARTSYS -> saRestart ? InterruptOutcome.RESTARTED : InterruptOutcome.EINTR;
            case ERESTARTNOINTR -> InterruptOutcome.RESTARTED;
        };
    }
}
