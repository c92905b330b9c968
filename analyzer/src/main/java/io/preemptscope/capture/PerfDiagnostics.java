package io.preemptscope.capture;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns perf's own error text, which shares stderr with the target and has no prefix, into the one
 * line that says what to fix. Only perf's known failures match; the caller keeps the rest.
 */
final class PerfDiagnostics {
    private static final Pattern PARANOID = Pattern.compile("perf_event_paranoid setting is (-?\\d+)");
    private static final Pattern MISSING = Pattern.compile("File (\\S+/events/\\S+) not found");
    private static final Pattern NO_READ = Pattern.compile("No permissions to read (\\S+)");
    private static final Pattern WORKLOAD = Pattern.compile("Failed to collect .* for the '(.*)' workload: (.*)");

    private PerfDiagnostics() {}

    static Optional<String> failure(List<String> lines) {
        String text = String.join("\n", lines);
        Matcher m = PARANOID.matcher(text);
        if (text.contains("Access to performance monitoring and observability operations is limited")) {
            String value = m.find() ? m.group(1) : "too high";
            return Optional.of("perf may not record here (kernel.perf_event_paranoid is " + value + "): run capture"
                    + " as root, or sysctl -w kernel.perf_event_paranoid=-1, or grant CAP_PERFMON (a container"
                    + " needs --cap-add PERFMON and a seccomp profile that allows perf_event_open)");
        }
        if (text.contains("perf_event_open") && text.contains("Operation not permitted")) {
            return Optional.of("perf_event_open is not permitted here (a container's seccomp profile or missing"
                    + " CAP_PERFMON): run with --cap-add PERFMON and a seccomp profile that allows perf_event_open,"
                    + " or use --backend strace");
        }
        m = NO_READ.matcher(text);
        if (m.find()) {
            return Optional.of("perf cannot read " + m.group(1) + " (tracefs is often root's alone): run capture"
                    + " as root, or mount -o remount,mode=755 /sys/kernel/tracing");
        }
        m = MISSING.matcher(text);
        if (text.contains("unknown tracepoint") && m.find()) {
            return Optional.of("this kernel lacks a tracepoint perf was asked for (" + m.group(1) + " not found):"
                    + " the perf backend needs a kernel with CONFIG_FTRACE and these events; use --backend strace");
        }
        if (text.contains("Unable to find debugfs/tracefs") || text.contains("can't access trace events")) {
            return Optional.of("perf cannot reach tracefs: mount -t tracefs nodev /sys/kernel/tracing, or use"
                    + " --backend strace");
        }
        if (text.contains("Couldn't create thread/CPU maps: No such process")) {
            return Optional.of("no process to attach to (perf: No such process): check the --pid value");
        }
        m = WORKLOAD.matcher(text);
        if (m.find()) {
            return Optional.of("perf could not run the target " + m.group(1) + " (" + m.group(2)
                    + "): check the command's path and permissions");
        }
        return Optional.empty();
    }
}
