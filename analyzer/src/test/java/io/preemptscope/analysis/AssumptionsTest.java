package io.preemptscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.capture.RecordedRun;
import io.preemptscope.gobinary.GoBuildInfo;
import io.preemptscope.gotrace.GoVersionRange;
import io.preemptscope.model.version.GoVersion;
import io.preemptscope.model.version.RuntimeProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where the release and async preemption come from before the replay, in order of precedence. */
class AssumptionsTest {
    private static final Optional<RecordedRun> BUNDLE =
            Optional.of(new RecordedRun(Path.of("b"), "go1.14.2", Boolean.TRUE, true));
    private static final Optional<GoBuildInfo> EXE = Optional.of(new GoBuildInfo("go1.15.3", "x", Map.of()));
    private static final List<GoVersionRange> TRACE = List.of(new GoVersionRange("1.19", "1.20", List.of("clue")));

    @Test
    void theUserComesFirst() {
        AnalysisOptions user = new AnalysisOptions(GoVersion.parse("1.13"), Boolean.FALSE, -1, 1000, 10_000_000L);
        Assumptions a = Assumptions.of(user, BUNDLE, EXE, TRACE);
        assertThat(a.version()).isEqualTo("go1.13");
        assertThat(a.release()).isEqualTo(GoVersion.parse("1.13"));
        assertThat(a.profile()).isEqualTo(RuntimeProfile.GO1_13);
        assertThat(a.versionBasis()).isEqualTo("--go-version");
        assertThat(a.asyncpreemptoff()).isFalse();
        assertThat(a.asyncpreemptoffBasis()).isEqualTo("--asyncpreemptoff");
    }

    @Test
    void thenWhatTheBundleRecorded() {
        Assumptions a = Assumptions.of(AnalysisOptions.auto(), BUNDLE, EXE, TRACE);
        assertThat(a.version()).isEqualTo("go1.14.2");
        assertThat(a.versionBasis()).isEqualTo("b/capture.json: the target's Go build info");
        assertThat(a.asyncpreemptoff()).isTrue();
        assertThat(a.asyncpreemptoffBasis()).isEqualTo("b/capture.json: GODEBUG asyncpreemptoff=1");
    }

    @Test
    void aDevelopmentBuildInTheBundleLeavesTheReleaseToTheExecutable() {
        Optional<RecordedRun> devel = Optional.of(new RecordedRun(Path.of("b"), "devel go1.23-abc", null, true));
        Assumptions a = Assumptions.of(AnalysisOptions.auto(), devel, EXE, TRACE);
        assertThat(a.version()).isEqualTo("go1.15.3");
        assertThat(a.versionBasis()).isEqualTo("Go build info of the executable named in execve");
        assertThat(a.asyncpreemptoff()).isNull();
    }

    @Test
    void thenTheTracesThenTheDefault() {
        Assumptions a = Assumptions.of(AnalysisOptions.auto(), Optional.empty(), Optional.empty(), TRACE);
        assertThat(a.version()).isEqualTo("go1.19-1.20");
        assertThat(a.release()).isNull();
        assertThat(a.profile()).isEqualTo(RuntimeProfile.GO1_16_TO_1_25);
        assertThat(a.versionBasis()).isEqualTo("Go trace: clue");

        Assumptions none = Assumptions.of(AnalysisOptions.auto(), Optional.empty(), Optional.empty(), List.of());
        assertThat(none.version()).isNull();
        assertThat(none.versionBasis()).isNull();
        assertThat(none.profile()).isEqualTo(RuntimeProfile.GO1_16_TO_1_25);
    }
}
