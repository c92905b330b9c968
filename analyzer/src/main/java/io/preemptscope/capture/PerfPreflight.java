package io.preemptscope.capture;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before anything runs, what perf would otherwise report in many lines mixed into the
 * target's stderr: tracefs mounted, the right to open tracepoint events, tracefs readable, and
 * every tracepoint the capture records present in this kernel.
 */
final class PerfPreflight {
    /** include/uapi/linux/capability.h */
    private static final int CAP_SYS_ADMIN = 21;
    private static final int CAP_PERFMON = 38;

    private PerfPreflight() {}

    static void check(PerfHost host, List<String> tracepoints) throws CaptureException {
        Path tracefs = tracefs(host.mounts()).orElseThrow(() -> new CaptureException(
                "tracefs is not mounted, so perf cannot find its tracepoints: mount -t tracefs nodev"
                        + " /sys/kernel/tracing (in a container, mount the host's /sys/kernel/tracing), or use"
                        + " --backend strace"));
        int paranoid = paranoid(host.paranoid());
        if (paranoid > -1 && !privileged(host.status())) {
            throw new CaptureException("perf may not record tracepoints here: kernel.perf_event_paranoid is "
                    + paranoid + " and this user has neither CAP_PERFMON nor CAP_SYS_ADMIN; run capture as root,"
                    + " or sysctl -w kernel.perf_event_paranoid=-1, or grant CAP_PERFMON (a container needs"
                    + " --cap-add PERFMON and a seccomp profile that allows perf_event_open), or use --backend strace");
        }
        Path events = tracefs.resolve("events");
        if (!Files.isDirectory(events) || !Files.isReadable(events) || !Files.isExecutable(events)) {
            throw new CaptureException("cannot read " + events + " (tracefs is often root's alone): run capture"
                    + " as root, or mount -o remount,mode=755 " + tracefs);
        }
        List<String> missing = new ArrayList<>();
        for (String tp : tracepoints) {
            String[] parts = tp.split(":", 2);
            if (!Files.isDirectory(events.resolve(parts[0]).resolve(parts[1]))) {
                missing.add(tp);
            }
        }
        if (!missing.isEmpty()) {
            throw new CaptureException("this kernel lacks the tracepoint" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + " (not in " + events + "): the perf backend needs a kernel"
                    + " with CONFIG_FTRACE and these events; use --backend strace");
        }
    }

    /** tracefs's own mount, else the one inside a mounted debugfs (older systems mount only that). */
    static Optional<Path> tracefs(Path mounts) {
        List<String> lines;
        try {
            lines = Files.readAllLines(mounts);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
        Path debugfs = null;
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f.length < 3) {
                continue;
            }
            // /proc/mounts escapes a space in a path as \040
            Path dir = Path.of(f[1].replace("\\040", " "));
            if (f[2].equals("tracefs")) {
                return Optional.of(dir);
            }
            if (f[2].equals("debugfs") && debugfs == null) {
                debugfs = dir;
            }
        }
        if (debugfs != null && Files.isDirectory(debugfs.resolve("tracing"))) {
            return Optional.of(debugfs.resolve("tracing"));
        }
        return Optional.empty();
    }

    /** The kernel's default, 2, when the file cannot be read. */
    private static int paranoid(Path file) {
        try {
            return Integer.parseInt(Files.readString(file).trim());
        } catch (IOException | NumberFormatException unreadable) {
            return 2;
        }
    }

    /**
     * CAP_PERFMON or CAP_SYS_ADMIN in the effective set: what perf_allow_tracepoint asks. Not the
     * uid: root in a container usually lacks both.
     */
    static boolean privileged(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("CapEff:")) {
                    BigInteger caps = new BigInteger(line.substring(7).trim(), 16);
                    return caps.testBit(CAP_PERFMON) || caps.testBit(CAP_SYS_ADMIN);
                }
            }
            return false;
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
