package io.preemptscope.analysis.input;

import io.preemptscope.capture.CaptureManifest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The run a capture bundle's capture.json records: which command, and from when to when (its
 * clock is the one strace's -ttt timestamps count on).
 *
 * @param command the target's argv, or an empty list when not recorded
 * @param start when capture started, or null when not recorded
 * @param end when it ended, or null
 */
record BundleRun(List<String> command, Instant start, Instant end) {

    /** The run the bundle recorded; empty when its capture.json cannot be read (its logs are still analysed). */
    static Optional<BundleRun> read(Path bundle) {
        return CaptureManifest.read(bundle).map(m -> new BundleRun(m.command() == null ? List.of() : m.command(),
                instant(m.start()), instant(m.end())));
    }

    boolean timed() {
        return start != null && end != null;
    }

    long spanNs() {
        return Duration.between(start, end).toNanos();
    }

    String describe() {
        String ran = command.isEmpty() ? "ran" : "ran " + String.join(" ", command);
        return timed() ? ran + " from " + start + " to " + end : ran;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }
}
