package io.preemptscope.capture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The strace argv for a capture: the flags preemptscope's parser reads best. */
final class StraceCommand {
    private StraceCommand() {}

    /**
     * {@code -f} follows every thread (Go preempts with tgkill to one thread), {@code -ttt} gives
     * absolute times that survive midnight, {@code -T} durations, {@code -yy} what each fd is.
     * {@code -I 2} lets a SIGINT stop strace cleanly (it detaches and flushes) even when it runs a
     * command, where strace would otherwise block it. {@code -o} keeps the target's stderr apart.
     */
    static List<String> build(Path strace, CaptureRequest r, Path log, List<EnvChange> env, List<String> target) {
        List<String> argv = new ArrayList<>(List.of(strace.toString(), "-f", "-ttt", "-T", "-yy", "-I", "2",
                "-o", log.toString()));
        if (r.filter() == CaptureFilter.PREEMPTION) {
            argv.add("-e");
            argv.add("trace=" + String.join(",", CaptureFilter.PREEMPTION_SYSCALLS));
            argv.add("-e");
            argv.add("signal=all");
            if (!r.attach()) {
                // the seccomp filter is installed in the child strace starts: not possible with -p
                argv.add("--seccomp-bpf");
            }
        }
        for (EnvChange c : env) {
            argv.add("-E");
            argv.add(c.name() + "=" + c.after());
        }
        if (r.attach()) {
            argv.add("-p");
            argv.add(Long.toString(r.pid()));
        } else {
            argv.add("--");
            argv.addAll(target);
        }
        return argv;
    }
}
