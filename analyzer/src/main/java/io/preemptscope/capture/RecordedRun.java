package io.preemptscope.capture;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a capture bundle recorded about its run that the analysis would otherwise have to infer:
 * the target's Go version (from its build info) and the GODEBUG asyncpreemptoff it ran with.
 *
 * @param goVersion e.g. "go1.19.8", null when the target was not a Go binary
 * @param asyncpreemptoff the setting in the target's GODEBUG, null when capture left it alone
 * @param everySyscall false when capture recorded only the preemption calls (--filter preemption):
 *     then a gap between two recorded calls may hold others, and is no measure of user code
 */
public record RecordedRun(Path bundle, String goVersion, Boolean asyncpreemptoff, boolean everySyscall) {

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
        return CaptureManifest.read(bundle).map(m -> {
            Boolean apo = null;
            if (m.environment() != null) {
                for (EnvChange change : m.environment()) {
                    if (change.name().equals("GODEBUG") && change.after() != null) {
                        String v = GoDebug.value(change.after(), "asyncpreemptoff");
                        apo = v == null ? null : !v.equals("0");
                    }
                }
            }
            return new RecordedRun(bundle, m.go() == null ? null : m.go().version(), apo,
                    m.filter() == null || m.filter().equals(CaptureFilter.ALL.label()));
        });
    }
}
