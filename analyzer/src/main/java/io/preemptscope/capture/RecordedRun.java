package io.preemptscope.capture;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a capture bundle recorded about its run that the analysis would otherwise have to infer:
 * the target's Go version (from its build info) and the GODEBUG asyncpreemptoff it ran with.
 *
 * @param goVersion e.g. "go1.19.8", null when the target was not a Go binary
 * @param asyncpreemptoff the setting in the target's GODEBUG, null when capture left it alone
 */
public record RecordedRun(Path bundle, String goVersion, Boolean asyncpreemptoff) {

    /** The run recorded by the first bundle among the inputs, if any bundle is there and readable. */
    public static Optional<RecordedRun> of(List<Path> inputs) {
        for (Path p : inputs) {
            if (Bundle.isBundle(p)) {
                return read(p);
            }
        }
        return Optional.empty();
    }

    private static Optional<RecordedRun> read(Path bundle) {
        CaptureManifest m;
        try {
            m = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(bundle.resolve(Bundle.MANIFEST).toFile(), CaptureManifest.class);
        } catch (IOException unreadable) {
            // the bundle's logs are still analysed; only the recorded facts are missing
            return Optional.empty();
        }
        Boolean apo = null;
        if (m.environment() != null) {
            for (EnvChange change : m.environment()) {
                if (change.name().equals("GODEBUG") && change.after() != null) {
                    String v = GoDebug.value(change.after(), "asyncpreemptoff");
                    apo = v == null ? null : !v.equals("0");
                }
            }
        }
        return Optional.of(new RecordedRun(bundle, m.go() == null ? null : m.go().version(), apo));
    }
}
