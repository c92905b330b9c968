package io.preemptscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * sysmon's preemption requests apart from the GC's and stop-the-world's, on real captures
 * (sample-traces/verdicts/README.md). The figures were checked against an independent reading of
 * the same lines: each delivery paired with the first pending tgkill to its thread.
 */
class SigurgBySenderTest {
    private static final AnalysisMetrics.Latency NONE = new AnalysisMetrics.Latency(0, null, null, null, null);

    private static Path verdicts(String name) {
        return Corpus.samples().resolve("verdicts").resolve(name);
    }

    private static AnalysisMetrics.Latency ms(long n, double p50, double p90, double p99, double max) {
        return new AnalysisMetrics.Latency(n, p50, p90, p99, max);
    }

    @Test
    void theSeedsFourSigurgsAreAllSysmonsAndOnlyOneEndedARunOfTenMilliseconds() {
        // three of sysmon's requests went, 6 ms after execve, to a thread that had run 0.06 to 0.23 ms
        // since its last syscall: even sysmon's SIGURG does not mean the thread ran forcePreemptNS
        AnalysisMetrics m = AnalysisRun.of(verdicts("seed-default.strace.txt")).metrics();

        assertThat(m.sigurgBySender().sysmon()).isEqualTo(new AnalysisMetrics.SigurgSender(4L, 4,
                ms(4, 0.107, 10.934, 10.934, 10.934), ms(4, 0.034, 0.15, 0.15, 0.15)));
        assertThat(m.sigurgBySender().others()).isEqualTo(new AnalysisMetrics.SigurgSender(0L, 0, NONE, NONE));
        assertThat(m.sigurgBySender().unseen()).isEqualTo(new AnalysisMetrics.SigurgSender(null, 0, NONE, null));
        assertThat(m.longestUserRun()).isEqualTo(new AnalysisMetrics.LongestRun(10.934, 25207, "SIGURG"));
        // one tgkill was still in flight when strace printed the delivery it caused: 34 µs, not unseen
        assertThat(m.sigurgDeliveryLatencyMs()).isEqualTo(ms(4, 0.034, 0.15, 0.15, 0.15));
    }

    @Test
    void inGojqTheGcsSuspendGSendsMostSigurgsAndTheyEndShortRuns() {
        AnalysisMetrics m = AnalysisRun.of(verdicts("gojq-default.strace.txt")).metrics();

        assertThat(m.sigurgBySender().sysmon()).isEqualTo(new AnalysisMetrics.SigurgSender(151L, 151,
                ms(149, 6.701, 20.431, 30.573, 30.709), ms(151, 0.065, 0.41, 6.185, 6.789)));
        assertThat(m.sigurgBySender().others()).isEqualTo(new AnalysisMetrics.SigurgSender(991L, 991,
                ms(984, 0.049, 0.078, 6.681, 9.109), ms(991, 0.043, 0.102, 3.391, 8.861)));
        assertThat(m.sigurgBySender().unseen().delivered()).isZero();
        // mixed, the two gave a p50 of 0.051 ms: the GC's requests, not a time slice
        assertThat(m.preemptLatencyMs()).isEqualTo(ms(1133, 0.051, 2.07, 20.513, 30.709));
        assertThat(m.longestUserRun()).isEqualTo(new AnalysisMetrics.LongestRun(30.709, 20797, "SIGURG"));
        // what SIGURG_DELIVERED_NO_PREEMPT reads its "at least 108.2 ms" from
        assertThat(m.sysmonRequestStreak()).isEqualTo(new AnalysisMetrics.RequestStreak(20797, 9, 98.199));
    }

    @Test
    void caddysLongestRunIsTheOneItsLatencyWarningIsAbout() {
        AnalysisResult r = AnalysisRun.of(verdicts("caddy-default.strace.txt.gz"));
        AnalysisMetrics m = r.metrics();

        // one request of sysmon's was still pending when the capture ended
        assertThat(m.sigurgBySender().sysmon()).isEqualTo(new AnalysisMetrics.SigurgSender(30L, 29,
                ms(29, 0.068, 1.833, 5.052, 5.052), ms(29, 0.118, 4.936, 19.993, 19.993)));
        assertThat(m.sigurgBySender().others()).isEqualTo(new AnalysisMetrics.SigurgSender(22L, 22,
                ms(15, 0.048, 0.116, 7.981, 7.981), ms(22, 0.084, 0.248, 9.598, 9.598)));
        assertThat(m.longestUserRun()).isEqualTo(new AnalysisMetrics.LongestRun(136.235, 4393, "syscall"));
        assertThat(r.findings()).anyMatch(f -> f.id().equals("PREEMPT_LATENCY_EXCEEDED")
                && f.message().startsWith("thread 4393 ran 136.2 ms of user code"));
    }

    @Test
    void aHangKilledBySigintIsTheLongestRun() {
        AnalysisMetrics m = AnalysisRun.of(verdicts("seed-apo-hang.strace.txt")).metrics();

        assertThat(m.longestUserRun()).isEqualTo(new AnalysisMetrics.LongestRun(2999.047, 25225, "killed"));
        assertThat(m.sysmonRequestStreak()).isNull();
    }

    @Test
    void theTextNamesEachFigureForWhatItMeasures() {
        Cli.Result r = Cli.run("analyze", verdicts("seed-default.strace.txt").toString());

        assertThat(r.out()).contains("""
                  SIGURG sent 4 (sysmon 4, GC and stop-the-world 0), delivered 4, coalesced 0
                  preemption signals that interrupted user code: 4
                  user-space run since the thread's last syscall when SIGURG arrived, not a time slice (ms):
                    from sysmon                 p50 0.107  p90 10.934  p99 10.934  max 10.934  (n=4)
                    from GC and stop-the-world  none
                  SIGURG delivery after the sender's tgkill (ms):
                    from sysmon                 p50 0.034  p90 0.150  p99 0.150  max 0.150  (n=4)
                    from GC and stop-the-world  none
                  longest user-space run without a syscall, sysmon aside: 10.9 ms (thread 25207, ended by SIGURG)
                """);
    }

    @Test
    void aCaptureOfSendersAndDeliveriesOnlyStillMeasuresDelivery() {
        // strace -e trace=tgkill -e signal=SIGURG: no sysmon to tell senders apart, no runs
        AnalysisMetrics m = AnalysisRun.of(Corpus.strace("captures/extra/signals-only.txt")).metrics();

        assertThat(m.sigurgBySender()).isNull();
        assertThat(m.longestUserRun()).isNull();
        assertThat(m.sigurgDeliveryLatencyMs()).isEqualTo(ms(303, 0.194, 3.525, 7.16, 9.61));
    }
}
