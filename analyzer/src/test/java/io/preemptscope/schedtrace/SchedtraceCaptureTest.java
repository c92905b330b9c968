package io.preemptscope.schedtrace;

import static io.preemptscope.schedtrace.SchedtraceTesting.capture;
import static io.preemptscope.schedtrace.SchedtraceTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.schedtrace.SchedtraceStats.StuckInterval;
import io.preemptscope.schedtrace.SchedtraceStats.TickRun;
import io.preemptscope.schedtrace.SchedtraceTesting.Read;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact figures from the real go1.19.8 schedtrace captures (captures/README.md). */
class SchedtraceCaptureTest {

    @Test
    void asyncpreemptoffKeepsSchedtickSixFrom57To183Ms() {
        Read r = read(capture("schedtrace_tightloop_bounded_asyncpreemptoff.schedtrace.txt"));
        SchedtraceStats s = r.stats();
        assertThat(s.lines()).isEqualTo(231);
        assertThat(s.samples()).isEqualTo(19);
        assertThat(s.detailedSamples()).isEqualTo(19);
        assertThat(s.otherLines() + s.malformedLines() + s.orphanLines()).isZero();
        assertThat(s.firstMs()).isZero();
        assertThat(s.lastMs()).isEqualTo(206);
        assertThat(s.schedtickSource()).isEqualTo("P lines");
        // every sample from 57 ms to 183 ms: schedtick=6 and G7 status=2()
        for (SchedSample sample : r.samples()) {
            if (sample.elapsedMs() >= 57 && sample.elapsedMs() <= 183) {
                assertThat(sample.ps().get(0).schedtick()).isEqualTo(6);
                assertThat(sample.gs()).anySatisfy(g -> {
                    assertThat(g.goid()).isEqualTo(7);
                    assertThat(g.status()).isEqualTo(2);
                    assertThat(g.waitReason()).isEmpty();
                });
            }
        }
        assertThat(s.procs()).hasSize(1);
        assertThat(s.procs().get(0).progression()).containsExactly(
                new TickRun(0, 0, 0, 1), new TickRun(5, 10, 44, 4), new TickRun(6, 57, 183, 12),
                new TickRun(8, 195, 206, 2));
        assertThat(s.stuckIntervals()).containsExactly(
                // calibration on G1 before tracing; at 44 ms M0 is in the scheduler (curg=-1), so no single G
                new StuckInterval(0, 5, 10, 44, 34, 4, 6, 39, null, "status=1"),
                new StuckInterval(0, 6, 57, 183, 126, 12, 50, 193, 7L, "status=1"));
        assertThat(s.longestStuckMs()).isEqualTo(126);
    }

    @Test
    void defaultModeSwitchesEveryTwentyMilliseconds() {
        SchedtraceStats s = read(capture("schedtrace_tightloop_bounded_default.schedtrace.txt")).stats();
        assertThat(s.lines()).isEqualTo(402);
        assertThat(s.samples()).isEqualTo(34);
        assertThat(s.lastMs()).isEqualTo(373);
        SchedtraceStats.Proc p0 = s.procs().get(0);
        assertThat(p0.firstSchedtick()).isEqualTo(4);
        assertThat(p0.lastSchedtick()).isEqualTo(22);
        assertThat(p0.increments()).isEqualTo(18);
        assertThat(p0.progression()).hasSize(18);
        // A goroutine runs one sysmon period (10-12 ms between two samples) and is then preempted:
        // never one schedtick across three samples, unlike asyncpreemptoff.
        assertThat(s.stuckIntervals()).hasSize(16).allSatisfy(i -> assertThat(i.samples()).isEqualTo(2));
        assertThat(s.longestStuckMs()).isEqualTo(12);
        assertThat(s.stuckIntervals().get(0)).isEqualTo(new StuckInterval(0, 4, 0, 10, 10, 2, 1, 11, null, "status=1"));
        assertThat(s.stuckIntervals().get(2)).isEqualTo(new StuckInterval(0, 8, 62, 73, 11, 2, 55, 67, 7L, "status=1"));
    }

    @Test
    void summaryOnlyCaptureHasRunQueuesButNoSchedticks() {
        Read r = read(capture("schedtrace_summary_tightloop_bounded_default.schedtrace.txt"));
        SchedtraceStats s = r.stats();
        assertThat(s.samples()).isEqualTo(34);
        assertThat(s.detailedSamples()).isZero();
        assertThat(s.lastMs()).isEqualTo(349);
        assertThat(s.schedtickSource()).isEqualTo("none");
        assertThat(s.procs()).isEmpty();
        assertThat(s.stuckIntervals()).isEmpty();
        SchedLine.Summary first = r.samples().get(0).summary();
        assertThat(first.localRunqs()).isEqualTo(List.of(2L));
        assertThat(first.needspinning()).isNull();
        assertThat(first.threads()).isEqualTo(3);
        assertThat(r.samples().get(4).summary().localRunqs()).isEqualTo(List.of(1L));
    }
}
