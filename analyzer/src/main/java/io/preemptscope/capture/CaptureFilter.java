package io.preemptscope.capture;

import java.util.List;

/** How much strace records: everything, or only the calls the preemption analysis reads. */
public enum CaptureFilter {
    ALL("all"),
    PREEMPTION("preemption");

    /**
     * Signals and the calls that show them being sent, handled and interrupting (tgkill, the
     * rt_sig* family, the blocking calls), sysmon's fingerprint (nanosleep), thread and process
     * lifecycle. getpid pairs with every Go tgkill.
     */
    static final List<String> PREEMPTION_SYSCALLS = List.of(
            "tgkill", "tkill", "rt_sigreturn", "rt_sigaction", "rt_sigprocmask", "nanosleep", "futex",
            "epoll_wait", "epoll_pwait", "read", "write", "getpid", "sched_yield", "clone", "clone3",
            "execve", "exit", "exit_group");

    private final String label;

    CaptureFilter(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static CaptureFilter parse(String text) {
        for (CaptureFilter f : values()) {
            if (f.label.equals(text)) {
                return f;
            }
        }
        throw new IllegalArgumentException("expected preemption or all, got " + text);
    }
}
