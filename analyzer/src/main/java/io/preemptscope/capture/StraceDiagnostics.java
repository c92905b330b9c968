package io.preemptscope.capture;

import java.util.List;
import java.util.Optional;

/**
 * Turns strace's own {@code strace: ...} lines, which share stderr with the target, into the one
 * line that says what to fix. Lines it does not know are left to the caller.
 */
final class StraceDiagnostics {
    private StraceDiagnostics() {}

    static Optional<String> failure(List<String> straceLines) {
        for (String line : straceLines) {
            if (line.contains("Operation not permitted") && (line.contains("ptrace") || line.contains("PTRACE"))) {
                return Optional.of("strace may not trace here (" + line.substring("strace: ".length()).trim()
                        + "): set /proc/sys/kernel/yama/ptrace_scope to 0 (attaching with --pid needs 0,"
                        + " or run as root), and in a container add CAP_SYS_PTRACE (docker run --cap-add SYS_PTRACE)");
            }
            if (line.contains("PTRACE_SEIZE") && line.contains("No such process")) {
                return Optional.of("no process to attach to (" + line.substring("strace: ".length()).trim()
                        + "): check the --pid value");
            }
            if (line.startsWith("strace: Can't stat") || line.startsWith("strace: exec:")) {
                return Optional.of("strace could not run the target (" + line.substring("strace: ".length()).trim()
                        + "): check the command's path and permissions");
            }
        }
        return Optional.empty();
    }
}
