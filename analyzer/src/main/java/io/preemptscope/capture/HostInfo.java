package io.preemptscope.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the machine a capture was made on, read without running any program. */
final class HostInfo {
    private HostInfo() {}

    /** The kernel release as {@code uname -r} prints it. */
    static String kernel() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException e) {
            return System.getProperty("os.version");
        }
    }

    /** The CPUs this process may run on (affinity and cgroup limits included), as GOMAXPROCS defaults to. */
    static int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }
}
