package io.preemptscope.capture;

import java.nio.file.Path;

/**
 * Where the kernel tells what perf may do here; tests point these at files of their own.
 *
 * @param mounts /proc/mounts, to find tracefs
 * @param paranoid /proc/sys/kernel/perf_event_paranoid
 * @param status /proc/self/status, for the effective uid and capabilities
 */
record PerfHost(Path mounts, Path paranoid, Path status) {
    static PerfHost live() {
        return new PerfHost(Path.of("/proc/mounts"), Path.of("/proc/sys/kernel/perf_event_paranoid"),
                Path.of("/proc/self/status"));
    }
}
