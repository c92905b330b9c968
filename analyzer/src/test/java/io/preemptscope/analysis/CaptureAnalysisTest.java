package io.preemptscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.sysmon.SysmonConstants;
import io.preemptscope.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The analysis of the real captures against what the model predicts for each program and mode. */
class CaptureAnalysisTest {

    static Stream<Path> tightLoopDefault() {
        return Stream.of(Corpus.strace("captures/spin/default/f-tt-T.txt"), Corpus.strace("captures/spin/default/f-ttt.txt"),
                Corpus.strace("captures/spin/default/f-r.txt"), Corpus.strace("captures/spin/default/stderr-f-tt.txt"),
                Corpus.strace("captures/spin/default/ff"), Corpus.samples().resolve("spin-default.strace.txt"));
    }

    static Stream<Path> asyncpreemptoff() {
        return Stream.of(Corpus.strace("captures/spin/apo/f-tt-T.txt"), Corpus.strace("captures/spin/apo/f-ttt.txt"),
                Corpus.strace("captures/spin/apo/stderr-f-tt.txt"), Corpus.strace("captures/spin/apo/ff"),
                Corpus.strace("captures/pipeblock/apo/f-tt-T.txt"), Corpus.samples().resolve("spin-apo.strace.txt"),
                Corpus.samples().resolve("pipeblock-apo.strace.txt"), Corpus.samples().resolve("echo-apo.strace.txt"));
    }

    @ParameterizedTest
    @MethodSource("tightLoopDefault")
    void tightLoopsAreAsyncPreemptedWithinTheModelsBand(Path capture) {
        AnalysisResult r = AnalysisRun.of(capture);
        assertThat(r.asyncpreemptoff()).isFalse();
        assertThat(r.metrics().sigurgSent()).isPositive();
        assertThat(r.metrics().sigurgDelivered()).isEqualTo(r.metrics().sigurgSent());
        assertThat(r.metrics().preemptions().async()).isPositive();
        // GOMAXPROCS=1 and one spinner at a time: each SIGURG ends a slice that sysmon found at
        // least forcePreemptNS old, requested no later than the calibrated deadline and delivered
        // within the 1 ms the model allows before it reports delivery latency; the user run
        // strace measures starts at the thread's last syscall, at or before the slice itself
        AnalysisMetrics.Latency l = r.metrics().preemptLatencyMs();
        double deadline = r.metrics().calibration().preemptDeadlineMs();
        assertThat(l.p50()).isBetween(SysmonConstants.FORCE_PREEMPT_NS / 1e6, deadline);
        assertThat(l.p90()).isLessThanOrEqualTo(deadline);
        assertThat(l.max()).isLessThanOrEqualTo(deadline + 1.0);
        assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
        assertThat(r.findings()).noneMatch(f -> f.id().equals("PREEMPT_LATENCY_EXCEEDED") || f.id().equals("COOP_STARVATION"));
    }

    @ParameterizedTest
    @MethodSource("asyncpreemptoff")
    void withoutAsyncPreemptionThereIsNoSigurgAndTheLoopStarvesOthers(Path capture) {
        AnalysisResult r = AnalysisRun.of(capture);
        assertThat(r.asyncpreemptoff()).isTrue();
        assertThat(r.metrics().sigurgSent()).isZero();
        assertThat(r.metrics().sigurgDelivered()).isZero();
        assertThat(AnalysisRun.countsById(r)).containsKey("COOP_STARVATION");
        assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    }

    @Test
    void theSpinnersWholeRunIsOneStarvation() {
        // spin under asyncpreemptoff: 692 ms of call-free loop on the only P, then exit
        AnalysisResult r = AnalysisRun.of(Corpus.strace("captures/spin/apo/f-tt-T.txt"));
        List<Finding> starved = r.findings().stream().filter(f -> f.id().equals("COOP_STARVATION")).toList();
        assertThat(starved).hasSize(1);
        assertThat(starved.get(0).tid()).isEqualTo(12375);
        assertThat(starved.get(0).message()).startsWith("thread 12375 ran 692.1 ms of user code without a syscall");
        assertThat(starved.get(0).evidence().get(0).line()).isEqualTo(263L);
    }

    @Test
    void forcingTheModeOverridesTheEvidence() {
        AnalysisOptions apo = new AnalysisOptions(null, Boolean.TRUE, -1, 1000, 10_000_000L);
        AnalysisResult r = AnalysisRun.of(apo, Corpus.strace("captures/spin/default/f-tt-T.txt"));
        assertThat(r.asyncpreemptoff()).isTrue();
        assertThat(r.goVersionBasis()).contains("--asyncpreemptoff");
        assertThat(AnalysisRun.countsById(r)).containsEntry("SIGURG_UNDER_ASYNCPREEMPTOFF", 1L);
        assertThat(r.findings().stream().filter(f -> f.id().equals("SIGURG_UNDER_ASYNCPREEMPTOFF")).findFirst().orElseThrow()
                .message()).startsWith("36 tgkill(SIGURG) sent by the process");
    }

    @Test
    void interruptedPipeReadsAreRestartedTransparently() throws IOException {
        // every read that SIGURG interrupted showed ERESTARTSYS and was re-issued by the kernel
        Path capture = Corpus.samples().resolve("pipeblock-default.strace.txt");
        long interruptedReads = Files.readAllLines(capture).stream()
                .filter(l -> l.contains("read") && l.contains("= ? ERESTARTSYS")).count();
        AnalysisResult r = AnalysisRun.of(capture);
        assertThat(interruptedReads).isEqualTo(11);
        assertThat(r.metrics().restarts()).containsEntry("read", interruptedReads);
        assertThat(r.metrics().eintr()).doesNotContainKey("read");
        assertThat(r.findings()).noneMatch(f -> f.id().startsWith("RESTART_") || f.id().contains("EINTR_NOT_RETRIED"));
    }

    @Test
    void theCorpusPipeCaptureRestartsFutexAndReadTheSameWay() {
        AnalysisResult r = AnalysisRun.of(Corpus.strace("captures/pipeblock/default/stderr-f-tt.txt"));
        assertThat(r.metrics().restarts()).containsEntry("read", 1L);
        assertThat(r.metrics().eintr()).doesNotContainKey("read");
    }

    @Test
    void sysmonIsFoundByItsFingerprintAndFollowsItsSchedule() {
        AnalysisResult r = AnalysisRun.of(Corpus.strace("captures/pipeblock/default/f-tt-T.txt"));
        assertThat(r.metrics().sysmon().tid()).isEqualTo(11740);
        assertThat(r.metrics().sysmon().delays()).containsEntry("20", 1235L).containsEntry("40", 16L)
                .containsEntry("10000", 45L);
        // the counts equal grep -c of the sysmon thread's nanosleep lines by length;
        // a deep sleep ended by a wakeup resets the schedule after its round: 50 sleeps of 20 µs follow
        assertThat(r.findings()).noneMatch(f -> f.id().equals("SYSMON_SCHEDULE_VIOLATION"));
    }

    @Test
    void filteredCapturesDoNotPretendToMeasureRunLengths() {
        AnalysisResult r = AnalysisRun.of(Corpus.strace("captures/extra/signals-only.txt"));
        assertThat(r.asyncpreemptoff()).isFalse();
        assertThat(r.metrics().preemptLatencyMs().count()).isZero();
        assertThat(r.findings()).noneMatch(f -> f.id().equals("PREEMPT_LATENCY_EXCEEDED"));
    }

    @Test
    void deliveriesAloneShowTheRuntimeSentSigurg() {
        // -e trace=none keeps only signals: the process's own SI_TKILL SIGURGs still prove async preemption
        AnalysisResult r = AnalysisRun.of(Corpus.strace("captures/extra/trace-none.txt"));
        assertThat(r.asyncpreemptoff()).isFalse();
        assertThat(r.metrics().sigurgDelivered()).isEqualTo(263);
    }
}
