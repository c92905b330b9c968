package io.preemptscope.schedtrace;

import static io.preemptscope.schedtrace.SchedtraceTesting.read;
import static io.preemptscope.schedtrace.SchedtraceTesting.synthetic;
import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.schedtrace.SchedtraceStats.StuckInterval;
import io.preemptscope.schedtrace.SchedtraceStats.TickRun;
import io.preemptscope.schedtrace.SchedtraceTesting.Read;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Line formats of releases not in the corpus. Every input here is synthetic: written by hand from
 * the runtime's schedtrace() as the docs describe it, not captured.
 */
class SchedtraceVariantTest {

    @Test
    void go113DetailHasNoTimerslenAndMinusOneIds() {
        Read r = read(synthetic("synthetic_go1.13_detail.schedtrace.txt"));
        SchedSample first = r.samples().get(0);
        assertThat(first.ps()).containsExactly(
                new SchedLine.PLine(0, 1, 3, 1, 0, 0, 0, null),
                new SchedLine.PLine(1, 0, 0, 0, SchedLine.NONE, 0, 0, null));
        assertThat(first.gs()).contains(new SchedLine.GLine(2, 4, "force gc (idle)", -1, -1));
        assertThat(r.samples().get(2).m(0).preemptoff()).isEqualTo("gcing");
        assertThat(r.stats().stuckIntervals()).containsExactly(
                new StuckInterval(0, 3, 0, 23, 23, 3, 1, 19, 6L, "status=1"));
    }

    @Test
    void go122DetailHasNilIdsBoolFlagsAndNeedspinning() {
        Read r = read(synthetic("synthetic_go1.22plus_detail.schedtrace.txt"));
        SchedSample first = r.samples().get(0);
        SchedLine.Summary s = first.summary();
        assertThat(s.needspinning()).isZero();
        assertThat(s.gcwaiting()).isZero();
        assertThat(s.sysmonwait()).isZero();
        assertThat(r.samples().get(1).summary().gcwaiting()).isEqualTo(1);
        assertThat(first.ps().get(1)).isEqualTo(new SchedLine.PLine(1, 2, 4, 9, SchedLine.NONE, 0, 3, 0L));
        assertThat(first.m(3)).isEqualTo(new SchedLine.MLine(3, -1, -1, 0, 0, "", 0, 0, 0, 1, -1));
        assertThat(first.m(0).preemptoff()).isEqualTo("GC worker init");
        assertThat(r.samples().get(1).gs().get(0).waitReason()).isEqualTo("GC worker (idle)");
        assertThat(r.stats().stuckIntervals()).containsExactly(
                new StuckInterval(0, 7, 0, 15, 15, 2, 1, 8, 8L, "status=1"));
    }

    @Test
    void go120SummaryHasNeedspinningAndRunQueues() {
        Read r = read(synthetic("synthetic_go1.20_summary.schedtrace.txt"));
        assertThat(r.samples()).hasSize(2);
        SchedLine.Summary s = r.samples().get(1).summary();
        assertThat(s.needspinning()).isEqualTo(1);
        assertThat(s.localRunqs()).isEqualTo(List.of(1L, 0L, 2L, 0L));
        assertThat(s.schedticks()).isNull();
        assertThat(s.detailed()).isFalse();
    }

    @Test
    void go125SummaryWithProgramOutputMixedIn() {
        Read r = read(synthetic("synthetic_go1.25_summary_mixed.schedtrace.txt"));
        SchedtraceStats s = r.stats();
        assertThat(s.lines()).isEqualTo(13);
        assertThat(s.samples()).isEqualTo(6);
        assertThat(s.otherLines()).isEqualTo(5);
        assertThat(s.malformedLines()).isEqualTo(2);
        assertThat(s.schedtickSource()).isEqualTo("schedticks");
        assertThat(r.samples().get(0).summary().schedticks()).isEqualTo(List.of(1L, 0L));
        assertThat(r.samples().get(0).summary().localRunqs()).isEqualTo(List.of(0L, 0L));
        assertThat(s.procs().get(0).progression()).containsExactly(new TickRun(1, 0, 0, 1), new TickRun(4, 10, 60, 5));
        assertThat(s.procs().get(1).increments()).isEqualTo(7);
        // idleprocs=0 from 10 to 30 ms: P0 was busy with one schedtick for 20 ms
        assertThat(s.stuckIntervals()).containsExactly(
                new StuckInterval(0, 4, 10, 30, 20, 3, 3, 6, null, "idleprocs=0"));
    }

    @Test
    void detailLinesBeforeTheFirstSchedAreOrphans() {
        Read r = read("  P0: status=1 schedtick=1 syscalltick=0 m=0 runqsize=0 gfreecnt=0 timerslen=0\n"
                + "SCHED 5ms: gomaxprocs=1 idleprocs=0 threads=2 spinningthreads=0 idlethreads=0 runqueue=0 [0]\n");
        assertThat(r.stats().orphanLines()).isEqualTo(1);
        assertThat(r.stats().samples()).isEqualTo(1);
    }

    @Test
    void laterFieldsAtTheEndOfALineAreAccepted() {
        SchedLine l = SchedLineParser.parse(
                "  P3: status=1 schedtick=9 syscalltick=0 m=nil runqsize=0 gfreecnt=0 timerslen=2 newfield=4");
        assertThat(l).isEqualTo(new SchedLine.PLine(3, 1, 9, 0, -1, 0, 0, 2L));
        assertThat(SchedLineParser.parse(
                "  M0: p=0 curg=1 mallocing=0 throwing=0 preemptoff= locks=0 dying=0 helpgc=0 spinning=false"
                        + " blocked=false lockedg=-1")).isInstanceOf(SchedLine.MLine.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SCHED 10ms: gomaxprocs=1",
        "SCHED 10ms: gomaxprocs=1 idleprocs=0 threads=2 spinningthreads=0 idlethreads=0 runqueue=0 [0",
        "SCHED 99999999999999999999ms: gomaxprocs=1 idleprocs=0 threads=2 spinningthreads=0 idlethreads=0 runqueue=0 [0]",
        "  P99999999999: status=1 schedtick=1 syscalltick=0 m=0 runqsize=0 gfreecnt=0",
        "  G1: status=4(sleep m=-1 lockedm=-1",
        "  M0: p=0 curg=1",
    })
    void damagedLinesAreRejectedNotThrown(String line) {
        assertThat(SchedLineParser.looksLikeSchedtrace(line)).isTrue();
        assertThat(SchedLineParser.parse(line)).isNull();
    }
}
