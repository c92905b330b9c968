package io.preemptscope.analysis;

import io.preemptscope.capture.RecordedRun;
import io.preemptscope.gobinary.GoBuildInfo;
import io.preemptscope.gotrace.GoVersionRange;
import io.preemptscope.model.version.GoVersion;
import io.preemptscope.model.version.RuntimeProfile;
import java.util.List;
import java.util.Optional;

/**
 * What the analysis takes as given before it replays any event. The Go release comes from the
 * user, else what a capture bundle recorded, else the executable's build info, else the Go
 * traces' own evidence; async preemption only from the user or the bundle, since otherwise the
 * captures settle it at their end.
 *
 * @param version the release as reported ("go1.19.8", "go1.19-1.20"), null when nothing tells
 * @param release the exact release when known, else null
 * @param profile the model's release family
 * @param versionBasis why, or null when nothing told and the profile is the default
 * @param asyncpreemptoff fixed before the replay, or null to decide from the captures
 * @param asyncpreemptoffBasis where the fixed value came from
 */
record Assumptions(String version, GoVersion release, RuntimeProfile profile, String versionBasis,
        Boolean asyncpreemptoff, String asyncpreemptoffBasis) {

    static Assumptions of(AnalysisOptions options, Optional<RecordedRun> recorded, Optional<GoBuildInfo> buildInfo,
            List<GoVersionRange> traces) {
        Boolean apo = options.asyncpreemptoff();
        String apoBasis = "--asyncpreemptoff";
        RecordedRun run = recorded.orElse(null);
        if (apo == null && run != null && run.asyncpreemptoff() != null) {
            apo = run.asyncpreemptoff();
            apoBasis = run.bundle() + "/capture.json: GODEBUG asyncpreemptoff=" + (apo ? "1" : "0");
        }
        if (options.goVersion() != null) {
            return exact(options.goVersion(), "--go-version", apo, apoBasis);
        }
        GoVersion recordedRelease = run == null ? null : release(run.goVersion());
        if (recordedRelease != null) {
            return exact(recordedRelease, run.bundle() + "/capture.json: the target's Go build info", apo, apoBasis);
        }
        if (buildInfo.isPresent()) {
            String version = buildInfo.get().goVersion();
            GoVersion release = GoVersion.parse(version);
            return new Assumptions(version, release, RuntimeProfile.of(release),
                    "Go build info of the executable named in execve", apo, apoBasis);
        }
        for (GoVersionRange range : traces) {
            GoVersion lowest = GoVersion.parse(range.lowest());
            GoVersion highest = GoVersion.parse(range.highest());
            RuntimeProfile profile = null;
            if (RuntimeProfile.of(lowest) == RuntimeProfile.of(highest) || !highest.atLeast(1, 14, 0)) {
                profile = RuntimeProfile.of(highest);
            } else if (lowest.atLeast(1, 14, 0)) {
                profile = RuntimeProfile.of(lowest.atLeast(1, 16, 0) ? lowest : GoVersion.parse("1.16"));
            }
            if (profile != null) {
                return new Assumptions("go" + range.label(), null, profile,
                        "Go trace: " + String.join(", ", range.evidence()), apo, apoBasis);
            }
        }
        return new Assumptions(null, null, RuntimeProfile.GO1_16_TO_1_25, null, apo, apoBasis);
    }

    private static Assumptions exact(GoVersion release, String basis, Boolean apo, String apoBasis) {
        return new Assumptions(release.toString(), release, RuntimeProfile.of(release), basis, apo, apoBasis);
    }

    /** The release a recorded version names; a development build ("devel ...") names none. */
    private static GoVersion release(String version) {
        if (version == null) {
            return null;
        }
        try {
            return GoVersion.parse(version);
        } catch (IllegalArgumentException unusual) {
            return null;
        }
    }
}
