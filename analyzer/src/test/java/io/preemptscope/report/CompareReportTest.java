package io.preemptscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.cli.ExitCodes;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --report}: the side-by-side page of the spin pair, both ways round. It holds the
 * verdict, each side, the check table, what changed in the findings and the charts, and nothing
 * that runs or fetches; an existing page is replaced only with --force.
 */
class CompareReportTest {
    @TempDir
    static Path out;

    private static Path apo;
    private static Path def;
    private static Document forward;
    private static Document reversed;

    @BeforeAll
    static void pages() throws IOException {
        apo = Corpus.samples().resolve("spin-apo.strace.txt");
        def = Corpus.samples().resolve("spin-default.strace.txt");
        forward = compare("forward", 0, "--checks", "go1.14-preemption", apo.toString(), def.toString());
        reversed = compare("reversed", ExitCodes.FINDINGS, def.toString(), apo.toString());
    }

    private static Document compare(String name, int status, String... args) throws IOException {
        Path html = out.resolve(name + ".html");
        String[] all = Stream.concat(Stream.of("compare", "--report", html.toString()), Stream.of(args))
                .toArray(String[]::new);
        Cli.Result r = Cli.run(all);
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(status);
        assertThat(html).exists();
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        }
        return Jsoup.parse(html.toFile(), "UTF-8");
    }

    @Test
    void spinPairPassesWithItsChecksFindingsAndCharts() throws IOException {
        Element verdict = forward.selectFirst("p.verdict");
        assertThat(verdict.attr("data-verdict")).isEqualTo("pass");
        assertThat(verdict.hasClass("ok")).isTrue();
        assertThat(verdict.text()).startsWith("pass: the candidate passed ");

        // every check a row with its sentence under it
        assertThat(forward.select("table.checks")).hasSize(1);
        List<String> checks = forward.select("#checks-go1\\.14-preemption tr.check-row td.check").eachText();
        assertThat(checks).containsExactly("baseline-no-sigurg", "baseline-starved", "candidate-sigurg-sent",
                "candidate-sigurg-delivered", "candidate-async-preemptions", "candidate-latency-in-band",
                "candidate-no-starvation");
        assertThat(forward.select("#checks-go1\\.14-preemption tr.sentence")).hasSize(7);
        Element header = forward.selectFirst("table.checks tr");
        assertThat(header.select("th").eachText()).containsExactly("check", "baseline", "candidate", "change", "verdict");
        assertThat(forward.select("#checks-go1\\.14-preemption td.verdict-cell").eachText()).containsOnly("pass");

        // each side with its Go version and mode, and what the latencies are
        String sides = forward.select("table.sides").text();
        assertThat(sides).contains("spin-apo.strace.txt", "spin-default.strace.txt", "Go version", "async preemption",
                "basis", "strace: the user-space run at each SIGURG");
        Element mode = forward.select("table.sides tr:has(td.label:containsOwn(async preemption))").first();
        assertThat(mode.select("td.value").eachText()).containsExactly("off", "on");

        // the starvation the baseline had is gone in the candidate
        assertThat(forward.select("table.changes").text()).contains("COOP_STARVATION").contains("gone");

        // the charts, decodable, with alt text, captions and their numbers; no interrupted syscall on
        // either side, so that chart is one line saying why
        assertThat(forward.select("figure").eachAttr("id")).containsExactly("compare-latency-cdf",
                "compare-sigurg-rate");
        assertThat(forward.select("p.chart-absent").text()).isEqualTo("Interrupted syscalls, baseline and candidate:"
                + " not drawn, no syscall was interrupted by a signal on either side.");
        ReportChecks.chartsDecode(forward);
        ReportChecks.selfContainedAndScriptFree(forward);
        Element cdf = forward.getElementById("compare-latency-cdf");
        assertThat(cdf.text()).contains("User-space run at each SIGURG").doesNotContain("time slice length");
        // the baseline sent no SIGURG: its latency curve is absent and the caption says so
        assertThat(cdf.select("figcaption").text()).contains("the baseline measured none");
    }

    @Test
    void reversedSpinPairFails() throws IOException {
        Element verdict = reversed.selectFirst("p.verdict");
        assertThat(verdict.attr("data-verdict")).isEqualTo("fail");
        assertThat(verdict.hasClass("error")).isTrue();
        assertThat(verdict.text()).contains("longest-run").contains("new-warnings");
        assertThat(reversed.select("#checks-no-regression tr.check-row td.check").eachText())
                .contains("latency-p50", "latency-p99", "longest-run", "sigurg-rate", "new-warnings");
        assertThat(reversed.select("td.verdict-cell.error").eachText()).contains("fail");
        assertThat(reversed.select("table.changes").text()).contains("COOP_STARVATION").contains("new");
        ReportChecks.chartsDecode(reversed);
        ReportChecks.selfContainedAndScriptFree(reversed);
    }

    @Test
    void pipeblockRunsDrawInterruptedSyscallsOfBothSides() throws IOException {
        Path run2 = Corpus.samples().resolve("pipeblock-default-run2.strace.txt");
        Path run3 = Corpus.samples().resolve("pipeblock-default-run3.strace.txt");
        Document doc = compare("pipeblock", 0, run2.toString(), run3.toString());
        assertThat(doc.selectFirst("p.verdict").attr("data-verdict")).isEqualTo("pass");
        assertThat(doc.select("figure").eachAttr("id")).containsExactly("compare-latency-cdf", "compare-sigurg-rate",
                "compare-interrupted-syscalls");
        Element syscalls = doc.getElementById("compare-interrupted-syscalls");
        assertThat(syscalls.select("details tr").first().text())
                .isEqualTo("syscall baseline restarted baseline EINTR candidate restarted candidate EINTR");
        assertThat(syscalls.select("details tr")).hasSizeGreaterThan(1);
        // both curves: each side measured latencies
        assertThat(doc.getElementById("compare-latency-cdf").select("figcaption").text()).doesNotContain("Only one curve");
        ReportChecks.chartsDecode(doc);
        ReportChecks.selfContainedAndScriptFree(doc);
    }

    @Test
    void pathsFromTheCommandLineAreEscaped() throws IOException {
        Path hostile = out.resolve("\"><script>alert(1)<img src=x onerror=alert(2)>.strace.txt");
        Files.copy(def, hostile);
        Document doc = compare("hostile", 0, "--checks", "go1.14-preemption", apo.toString(), hostile.toString());
        ReportChecks.selfContainedAndScriptFree(doc);
        assertThat(doc.select("img:not([src^=data:image/png;base64,])")).isEmpty();
        assertThat(doc.select("table.sides").text()).contains(hostile.getFileName().toString());
        assertThat(doc.title()).endsWith(hostile.getFileName().toString());
    }

    @Test
    void anExistingPageIsReplacedOnlyWithForce() throws IOException {
        Path html = out.resolve("existing.html");
        Files.writeString(html, "mine");
        Cli.Result refused = Cli.run("compare", "--checks", "go1.14-preemption", "--report", html.toString(),
                apo.toString(), def.toString());
        assertThat(refused.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("--report: " + html + " already exists; pass --force to replace it");
        assertThat(Files.readString(html)).isEqualTo("mine");

        Cli.Result forced = Cli.run("compare", "--checks", "go1.14-preemption", "--force", "--report",
                html.toString(), apo.toString(), def.toString());
        assertThat(forced.status()).as(forced.err()).isZero();
        assertThat(Jsoup.parse(html.toFile(), "UTF-8").selectFirst("p.verdict").attr("data-verdict")).isEqualTo("pass");
    }

    @Test
    void badInputLeavesNoPage() throws IOException {
        Path html = out.resolve("bad.html");
        Path junk = out.resolve("junk.bin");
        Files.write(junk, new byte[] {0, 1, 2, 3, (byte) 0xff});
        Cli.Result r = Cli.run("compare", "--report", html.toString(), junk.toString(), def.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(html).doesNotExist();
    }
}
