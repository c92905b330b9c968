package io.preemptscope.capture;

/**
 * What records the target. strace stops it at every syscall (ptrace), which needs only ptrace but
 * slows syscall-heavy programs many times over; perf reads kernel tracepoints, which needs perf,
 * tracefs and the right to open tracepoint events, and shows what strace cannot: when each thread
 * was on a CPU.
 */
public enum CaptureBackend {
    STRACE("strace"),
    PERF("perf");

    private final String label;

    CaptureBackend(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static CaptureBackend parse(String text) {
        for (CaptureBackend b : values()) {
            if (b.label.equals(text)) {
                return b;
            }
        }
        throw new IllegalArgumentException("expected strace or perf, got " + text);
    }
}
