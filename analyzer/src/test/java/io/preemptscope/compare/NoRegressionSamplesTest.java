package io.preemptscope.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.testing.Cli;
import org.junit.jupiter.api.Test;

/**
 * no-regression on real captures: a capture against itself and two captures of one healthy
 * program in one mode pass; a change that makes a loop call-free, and default → asyncpreemptoff
 * of a program that starves, fail on exactly the checks that show it.
 */
class NoRegressionSamplesTest {

    @Test
    void aCaptureAgainstItselfPassesEveryCheckWithNoChange() {
        ComparisonJson.Outcome o = ComparisonJson.compare("no-regression", "pipeblock-default.strace.txt",
                "pipeblock-default.strace.txt");
        assertThat(o.status()).isZero();
        assertThat(o.withVerdict("pass")).containsExactlyInAnyOrder("latency-p50", "latency-p99", "longest-run",
                "eintr", "sigurg-rate", "delivery-latency-p99", "new-warnings", "sysmon-stalls");
        assertThat(o.check("latency-p50").get("statistic").get("pValue").asDouble()).isGreaterThan(0.4);
        assertThat(o.check("latency-p50").get("change").asText()).isEqualTo("+0.0%");
        assertThat(o.json().get("findingChanges")).isEmpty();
    }

    @Test
    void twoRunsOfPipeblockInOneModePassBothWays() {
        ComparisonJson.Outcome forward = ComparisonJson.compare("no-regression", "pipeblock-default-run2.strace.txt",
                "pipeblock-default-run3.strace.txt");
        ComparisonJson.Outcome back = ComparisonJson.compare("no-regression", "pipeblock-default-run3.strace.txt",
                "pipeblock-default-run2.strace.txt");
        assertThat(forward.status()).isZero();
        assertThat(back.status()).isZero();
        assertThat(forward.withVerdict("fail")).isEmpty();
        assertThat(back.withVerdict("fail")).isEmpty();
        // the p99 differs by 38% (44.04 → 60.981 ms), beyond the tolerance, but the samples say it is noise
        assertThat(forward.check("latency-p99").get("baseline").asText()).isEqualTo("44.04 ms");
        assertThat(forward.check("latency-p99").get("candidate").asText()).isEqualTo("60.981 ms");
        assertThat(forward.check("latency-p99").get("statistic").get("pValue").asDouble()).isGreaterThan(0.01);
        // and the median the other way: +42.6%, Mann-Whitney p = 0.152
        assertThat(back.check("latency-p50").get("change").asText()).isEqualTo("+42.6%");
        assertThat(back.check("latency-p50").get("statistic").get("pValue").asDouble()).isBetween(0.15, 0.16);
    }

    @Test
    void defaultThenAsyncpreemptoffOfTheStarvingSpinFails() {
        ComparisonJson.Outcome o = ComparisonJson.compare("no-regression", "spin-default.strace.txt",
                "spin-apo.strace.txt");
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.withVerdict("fail")).containsExactlyInAnyOrder("longest-run", "new-warnings");
        assertThat(o.check("longest-run").get("baseline").asText()).isEqualTo("30.539 ms");
        assertThat(o.check("longest-run").get("candidate").asText()).isEqualTo("959.675 ms");
        assertThat(o.check("new-warnings").get("sentence").asText()).endsWith("COOP_STARVATION");
    }

    @Test
    void aChangeThatMakesTheLoopCallFreeIsCaught() {
        ComparisonJson.Outcome o = ComparisonJson.compare("no-regression", "callfree-before-apo.strace.txt",
                "callfree-after-apo.strace.txt");
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.withVerdict("fail")).containsExactly("new-warnings");
        assertThat(o.check("new-warnings").get("candidate").asText()).isEqualTo("COOP_STARVATION");
        assertThat(o.json().get("findingChanges").toString())
                .contains("{\"id\":\"COOP_STARVATION\",\"severity\":\"warning\",\"change\":\"new\",\"baseline\":0,\"candidate\":1}");
    }

    @Test
    void inconclusiveChecksFailOnlyUnderStrict() {
        ComparisonJson.Outcome lenient = ComparisonJson.compare("no-regression", "spin-apo.strace.txt",
                "spin-apo.strace.txt");
        ComparisonJson.Outcome strict = ComparisonJson.compare("no-regression", "spin-apo.strace.txt",
                "spin-apo.strace.txt", "--strict");
        assertThat(lenient.withVerdict("inconclusive")).containsExactlyInAnyOrder("latency-p50", "latency-p99");
        assertThat(lenient.status()).isZero();
        assertThat(strict.status()).isEqualTo(1);
    }

    @Test
    void aToleranceOverrideTurnsTheNoisyP99IntoAFailureOnlyWithSignificance() {
        // 0% tolerance on p99: still passes, because the difference is not significant
        ComparisonJson.Outcome o = ComparisonJson.compare("no-regression", "pipeblock-default-run2.strace.txt",
                "pipeblock-default-run3.strace.txt", "--tolerance", "p99=0%", "--tolerance", "longest-run=0%");
        assertThat(o.check("latency-p99").get("verdict").asText()).isEqualTo("pass");
        assertThat(o.check("latency-p99").get("sentence").asText()).contains("not significant");
    }

    @Test
    void anUnknownToleranceIsAUsageError() {
        Cli.Result r = Cli.run("compare", "--tolerance", "p95=10%", ComparisonJson.sample("spin-apo.strace.txt"),
                ComparisonJson.sample("spin-default.strace.txt"));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("preemptscope: --tolerance: unknown tolerance p95; one of p50, p99,"
                + " longest-run, delivery, sigurg-rate, eintr, sysmon-stalls");
    }

    @Test
    void theTextTableHasOneRowPerCheckAndTheFindingChanges() {
        Cli.Result r = Cli.run("compare", ComparisonJson.sample("spin-default.strace.txt"),
                ComparisonJson.sample("spin-apo.strace.txt"));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("check                | baseline  | candidate       | change   | verdict\n"
                + "latency-p50          | 20.398 ms | -               | -        | inconclusive\n");
        assertThat(r.out()).contains("longest-run          | 30.539 ms | 959.675 ms      | +3042.5% | fail\n");
        assertThat(r.out()).contains("  new   COOP_STARVATION (warning): 0 → 1\n");
        assertThat(r.out()).endsWith("result: FAIL, 2 of 8 checks failed\n");
    }
}
