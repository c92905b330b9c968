package io.preemptscope.capture;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * capture.json: how a bundle was made, enough to judge and repeat it.
 *
 * @param command the target's argv as given, or, with --pid, its /proc cmdline
 * @param executable the file that ran, or null when /proc does not tell (another user's --pid)
 * @param straceCommand the exact strace argv
 * @param environment what capture set in the target's environment
 * @param goTrace the Go execution trace file in the bundle, or null when there is none
 * @param go the target's Go build info, or null when it is not a Go program
 * @param targetExit the target's exit status (strace passes it on), or null when unknown
 * @param interrupted true when Ctrl-C or SIGTERM stopped the capture early
 * @param error why the capture failed, or null
 * @param backend what recorded the run, strace or perf (null in bundles made before perf: strace)
 * @param clock the clock of the capture's timestamps: CLOCK_REALTIME for strace's -ttt,
 *     CLOCK_MONOTONIC for perf's -k
 * @param perfCommand the exact perf record argv; null for strace
 * @param perfScriptCommand the exact perf script argv whose stdout is perfScript
 * @param perfLostChunks the ring-buffer chunks perf lost, as perf script counts them (0: none)
 * @param clocks CLOCK_MONOTONIC and CLOCK_REALTIME read back to back when the capture started: what
 *     ties a clock of one to the other (a Go 1.22+ trace and perf count on CLOCK_MONOTONIC, strace's
 *     -ttt on CLOCK_REALTIME); null in bundles made before it was recorded
 */
public record CaptureManifest(
        int schema,
        List<String> command,
        String executable,
        Long pid,
        String duration,
        List<String> straceCommand,
        List<EnvChange> environment,
        String mode,
        String filter,
        String straceFile,
        String goTrace,
        String straceVersion,
        String kernel,
        int cpus,
        GoInfo go,
        String start,
        String end,
        Integer targetExit,
        Integer straceExit,
        boolean interrupted,
        String error,
        String backend,
        String clock,
        List<String> perfCommand,
        List<String> perfScriptCommand,
        String perfVersion,
        String perfData,
        String perfScript,
        Integer perfExit,
        Integer perfLostChunks,
        ClockPair clocks) {

    public static final int SCHEMA = 1;

    /**
     * The two clocks at one moment, in nanoseconds: CLOCK_MONOTONIC is what the JVM's nanoTime
     * reads on Linux, CLOCK_REALTIME the epoch time. A time t on the monotonic clock is t -
     * monotonicNs + realtimeNs on the real-time one, to within the microsecond the two reads take
     * (and as long as nobody sets the system clock during the capture).
     */
    public record ClockPair(long monotonicNs, long realtimeNs) {
        public static ClockPair now() {
            long mono = System.nanoTime();
            java.time.Instant real = java.time.Instant.now();
            long mono2 = System.nanoTime();
            return new ClockPair(mono + (mono2 - mono) / 2, real.getEpochSecond() * 1_000_000_000L + real.getNano());
        }
    }

    /** The backend that recorded the bundle; bundles older than the perf backend are strace's. */
    public CaptureBackend backendOrStrace() {
        return backend == null ? CaptureBackend.STRACE : CaptureBackend.parse(backend);
    }

    /** A bundle's capture.json; empty when it cannot be read (the bundle's logs are still analysed). */
    public static Optional<CaptureManifest> read(Path bundle) {
        try {
            return Optional.of(new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(bundle.resolve(Bundle.MANIFEST).toFile(), CaptureManifest.class));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** @param testBinary a {@code go test -c} binary, which got -test.trace for --gotrace */
    public record GoInfo(String version, String path, Map<String, String> settings, boolean testBinary) {}
}
