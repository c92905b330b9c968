package io.preemptscope.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the user asked capture to do.
 *
 * @param command the target and its arguments; empty when attaching with {@code pid}
 * @param pid the process to attach to, or 0 to run {@code command}
 * @param duration how long to trace an attached process; null when running a command
 * @param gotrace ask the target for a Go execution trace
 * @param gotraceEnv the variable a non-test program reads its trace path from, or null
 * @param backend what records the target: strace or perf
 */
public record CaptureRequest(
        List<String> command,
        long pid,
        Duration duration,
        CaptureMode mode,
        CaptureFilter filter,
        boolean gotrace,
        String gotraceEnv,
        Path out,
        boolean force,
        CaptureBackend backend) {

    /** A strace capture, as every request was before perf. */
    public CaptureRequest(List<String> command, long pid, Duration duration, CaptureMode mode, CaptureFilter filter,
            boolean gotrace, String gotraceEnv, Path out, boolean force) {
        this(command, pid, duration, mode, filter, gotrace, gotraceEnv, out, force, CaptureBackend.STRACE);
    }

    public boolean attach() {
        return pid > 0;
    }
}
