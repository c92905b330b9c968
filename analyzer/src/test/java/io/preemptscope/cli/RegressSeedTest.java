package io.preemptscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * regress on the seed program, built here with Go 1.19: under Go 1.13 rules main's call-free loop
 * never gives up the P and the run hangs until the timeout stops it; under Go 1.14 rules SIGURG
 * preempts main, the other goroutine runs and panics (exit status 2). That is the experiment
 * passing, so regress exits 0.
 */
class RegressSeedTest {
    private static final Path GO = Path.of("/usr/lib/go-1.19/bin/go");

    @TempDir
    static Path work;

    private static Path seed;

    @BeforeAll
    static void build() throws Exception {
        assumeTrue(Files.isExecutable(GO), "Go 1.19 is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        seed = work.resolve("seedprog");
        Process p = new ProcessBuilder(GO.toString(), "build", "-o", seed.toString(), ".")
                .directory(Corpus.samples().resolve("programs/seed").toFile())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0).as(log).isTrue();
    }

    @Test
    void seedHangsUnderGo113RulesAndIsPreemptedUnderGo114() throws Exception {
        Path out = work.resolve("regress");
        Cli.Result r = Cli.run("regress", "--timeout", "3s", "--out", out.toString(), "--", seed.toString());
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).contains("preemptscope: regress: go1.13 mode: still running after 3s; stopped as"
                + " Ctrl-C would, and analysed as a hang");
        assertThat(r.out()).contains("baseline-starved            | hung ")
                // a live run: one or two SIGURG before the panic ends it
                .containsPattern("candidate-sigurg-sent +\\| - +\\| [1-9]\\d* sent +\\| - +\\| pass")
                .containsPattern("candidate-async-preemptions \\| - +\\| [1-9]\\d* +\\| - +\\| pass")
                // the first preemption lets the panicking goroutine run: one latency is too few to judge
                .contains("candidate-latency-in-band (inconclusive): fewer than 10 preemption latencies measured")
                .contains("result: PASS, 6 of 7 checks passed, 1 inconclusive (not a failure without --strict)");
        JsonNode json = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertThat(json.get("result").asText()).isEqualTo("pass");
        assertThat(json.get("baseline").get("asyncPreemption").asText()).isEqualTo("off");
        assertThat(json.get("candidate").get("asyncPreemption").asText()).isEqualTo("on");
        assertThat(json.get("candidate").get("goVersion").asText()).isEqualTo("go1.19.8");
        assertThat(Files.readString(out.resolve("junit.xml"))).contains("<testsuite name=\"go1.14-preemption\"");
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(out.resolve("report.html").toFile(), "UTF-8");
        assertThat(page.selectFirst("p.verdict").attr("data-verdict")).isEqualTo("pass");
        assertThat(page.select("#checks-go1\\.14-preemption tr.check-row")).hasSize(7);
        assertThat(page.select("script")).isEmpty();
        assertThat(page.select("figure img").eachAttr("src")).allMatch(src -> src.startsWith("data:image/png;base64,"));
        assertThat(out.resolve("go1.13-run1/capture.json")).exists();
        assertThat(out.resolve("go1.14-run1/strace.txt")).exists();

        Cli.Result again = Cli.run("regress", "--timeout", "3s", "--out", out.toString(), "--", seed.toString());
        assertThat(again.status()).isEqualTo(ExitCodes.CAPTURE_FAILED);
        assertThat(again.err()).isEqualTo("preemptscope: regress: " + out
                + " is not empty; pass --force to replace an earlier regress there\n");
    }

    @Test
    void theSameExperimentRecordedByPerf() throws Exception {
        Path out = work.resolve("regress-perf");
        Cli.Result r = Cli.run("regress", "--backend", "perf", "--timeout", "3s", "--out", out.toString(), "--",
                seed.toString());
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("baseline-starved            | hung ")
                .containsPattern("candidate-sigurg-sent +\\| - +\\| [1-9]\\d* sent +\\| - +\\| pass")
                .contains("result: PASS");
        assertThat(out.resolve("go1.13-run1/perf.txt")).exists();
        assertThat(out.resolve("go1.14-run1/perf.txt")).exists();
        assertThat(out.resolve("go1.14-run1/strace.txt")).doesNotExist();
    }

    @Test
    void twoRunsOfEachModeAreJudgedTogetherAndSayHowTheyVaried() throws Exception {
        Path out = work.resolve("regress-2");
        Cli.Result r = Cli.run("regress", "--runs", "2", "--timeout", "2s", "--out", out.toString(), "--",
                seed.toString());
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        // both Go 1.13-mode runs hang; the text says so, and how the figures the checks read varied
        assertThat(r.out()).contains("runs varied: 2 of 2 runs hung")
                .containsPattern("runs varied: longest run: \\d")
                .contains("baseline-starved            | hung ");
        for (String run : new String[] {"go1.13-run1", "go1.13-run2", "go1.14-run1", "go1.14-run2"}) {
            assertThat(out.resolve(run).resolve("strace.txt")).exists();
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertThat(json.get("baseline").get("runs")).hasSize(2);
        assertThat(json.get("candidate").get("runs")).hasSize(2);
    }
}
