package io.preemptscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.cli.ExitCodes;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code report} on every sample capture: strace logs, Go traces, bundles and a strace + Go trace
 * pair. Each page must hold its verdict, the charts its capture has data for, and the findings
 * with their evidence, and nothing that runs or fetches.
 */
class ReportCommandTest {
    @TempDir
    static Path out;

    static List<List<String>> samples() throws IOException {
        Path s = Corpus.samples();
        List<List<String>> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(s)) {
            files.filter(p -> p.toString().endsWith(".strace.txt") || p.toString().endsWith(".trace")).sorted()
                    .forEach(p -> cases.add(List.of(p.toString())));
        }
        for (Path dir : List.of(s.resolve("bundles"), s.resolve("verdicts/bundles"))) {
            try (Stream<Path> bundles = Files.list(dir)) {
                bundles.filter(Files::isDirectory).sorted().forEach(p -> cases.add(List.of(p.toString())));
            }
        }
        try (Stream<Path> files = Files.list(s.resolve("verdicts"))) {
            files.filter(p -> p.toString().endsWith(".strace.txt") || p.getFileName().toString().startsWith("caddy-default"))
                    .sorted().forEach(p -> cases.add(List.of(p.toString())));
        }
        String pair = Corpus.root().resolve("gotrace/captures/strace_blocking_read_default").toString();
        cases.add(List.of(pair + ".strace.txt", pair + ".trace"));
        return cases;
    }

    static Document report(List<String> inputs, String name) throws IOException {
        Path html = out.resolve(name + ".html");
        List<String> args = new ArrayList<>(List.of("report", "--force", "-o", html.toString()));
        args.addAll(inputs);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).endsWith("preemptscope: report: wrote " + html + "\n");
        return Jsoup.parse(html.toFile(), "UTF-8");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleGetsAVerdictItsChartsAndItsFindings(List<String> inputs) throws IOException {
        String name = Path.of(inputs.get(0)).getFileName().toString();
        Document doc = report(inputs, name);
        ReportChecks.selfContainedAndScriptFree(doc);
        ReportChecks.chartsDecode(doc);
        Element verdict = doc.selectFirst("p.verdict");
        assertThat(verdict).isNotNull();
        assertThat(verdict.text()).isNotBlank();
        assertThat(verdict.className()).containsAnyOf("ok", "warning", "error", "neutral");
        // every chart is drawn or says why not
        assertThat(doc.select("figure").size() + doc.select("#charts ~ ul li").size()).isEqualTo(8);
        boolean trace = inputs.stream().anyMatch(i -> i.endsWith(".trace"));
        boolean strace = inputs.stream().anyMatch(i -> !i.endsWith(".trace"));
        if (trace) {
            assertThat(ids(doc)).contains("p-timeline", "slice-lengths");
        }
        if (!strace) {
            assertThat(doc.select("td.absent").text()).contains("not in this capture");
            assertThat(ids(doc)).doesNotContain("sigurg-timeline", "interrupted-syscalls");
        }
        // the findings the analysis reports, one card per id and severity
        Cli.Result json = Cli.run(Stream.concat(Stream.of("analyze", "--format", "json"), inputs.stream())
                .toArray(String[]::new));
        long warnings = json.out().split("\"severity\" ?: ?\"warning\"", -1).length - 1;
        if (warnings > 0) {
            assertThat(doc.select("section.card.warning")).isNotEmpty();
        }
        assertThat(doc.select("section.card").size()).isLessThanOrEqualTo(30);
    }

    private static List<String> ids(Document doc) {
        return doc.select("figure").stream().map(Element::id).collect(Collectors.toList());
    }

    @Test
    void theSeedDefaultCaptureIsAWorkingAsyncPreemption() throws IOException {
        Document doc = report(List.of(Corpus.samples().resolve("verdicts/seed-default.strace.txt").toString()), "seed");
        assertThat(doc.selectFirst("p.verdict").text()).startsWith("Async preemption worked: 4 SIGURGs");
        assertThat(doc.selectFirst("p.verdict").hasClass("ok")).isTrue();
        assertThat(ids(doc)).contains("latency-histogram", "latency-cdf", "sigurg-timeline", "sysmon-schedule",
                "delivery-latency");
        assertThat(doc.select("h2#threads ~ table td").eachText()).contains("25208", "sysmon");
        // the main thread is named after the program its execve ran
        assertThat(doc.select("h2#threads ~ table td").eachText()).contains("25207").anyMatch(t -> t.startsWith("main (seed)"));
    }

    @Test
    void theHangIsStarvationWithItsEvidenceQuotedExactly() throws IOException {
        Path hang = Corpus.samples().resolve("verdicts/seed-apo-hang.strace.txt");
        Document doc = report(List.of(hang.toString()), "hang");
        Element verdict = doc.selectFirst("p.verdict");
        assertThat(verdict.text()).startsWith("Goroutine starvation: thread 25225 ran user code without a syscall"
                + " for 2999.0 ms").contains("Go 1.13 behaviour");
        assertThat(verdict.hasClass("warning")).isTrue();
        Element card = doc.selectFirst("section.card.warning");
        assertThat(card.selectFirst(".id").text()).isEqualTo("COOP_STARVATION × 1");
        assertThat(card.text()).contains("Upgrade past Go 1.14.0", "GODEBUG=asyncpreemptoff=1", "runtime.Gosched()");
        assertThat(card.select("a[href]").eachAttr("href")).anyMatch(h -> h.startsWith("https://github.com/golang/go/blob/"));
        String line = Files.readAllLines(hang).get(205);
        assertThat(card.select("pre.evidence").text()).contains(hang + ":206").contains(line);
    }

    @Test
    void aLatencyFindingAtInfoGetsNoAdviceForAFaultItDidNotShow() throws IOException {
        // caddy's stops waited for a late SIGURG and for a starting thread: no tight loop to look for
        Document doc = report(List.of(Corpus.samples().resolve("verdicts/caddy-default.strace.txt.gz").toString()),
                "caddy");
        assertThat(doc.selectFirst("p.verdict").hasClass("warning")).isFalse();
        Element stw = doc.select("section.card.info").stream()
                .filter(c -> c.selectFirst(".id").text().startsWith("STW_STRAGGLER")).findFirst().orElseThrow();
        assertThat(stw.selectFirst("h3").text()).contains("(not shown to be a fault)");
        assertThat(stw.text()).doesNotContain("Look for tight loops").contains("Nothing on this evidence.");
    }

    @Test
    void failOnGivesTheSameExitStatusAsAnalyze() {
        String hang = Corpus.samples().resolve("verdicts/seed-apo-hang.strace.txt").toString();
        Path html = out.resolve("failon.html");
        assertThat(Cli.run("report", "--force", "--fail-on", "warning", "-o", html.toString(), hang).status())
                .isEqualTo(ExitCodes.FINDINGS);
        assertThat(html).exists();
        assertThat(Cli.run("report", "--force", "--fail-on", "error", "-o", html.toString(), hang).status()).isZero();
    }

    @Test
    void anExistingFileIsRefusedWithoutForce() throws IOException {
        Path html = Files.writeString(out.resolve("existing.html"), "mine");
        Cli.Result r = Cli.run("report", "-o", html.toString(), Corpus.samples().resolve("spin-default.strace.txt").toString());
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--output: " + html + " already exists; pass --force to replace it");
        assertThat(Files.readString(html)).isEqualTo("mine");
    }

    @Test
    void badInputLeavesNoFile() throws IOException {
        Path empty = Files.createFile(out.resolve("empty.txt"));
        Path html = out.resolve("bad.html");
        assertThat(Cli.run("report", "-o", html.toString(), empty.toString()).status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(html).doesNotExist();
    }

    @Test
    void pngDirGetsEveryChartAsItsOwnFile() throws IOException {
        Path dir = out.resolve("pngs");
        Path html = out.resolve("pngs.html");
        String input = Corpus.samples().resolve("pipeblock-default.strace.txt").toString();
        assertThat(Cli.run("report", "--force", "-o", html.toString(), "--png-dir", dir.toString(), input).status()).isZero();
        Document doc = Jsoup.parse(html.toFile(), "UTF-8");
        for (String id : ids(doc)) {
            assertThat(dir.resolve(id + ".png")).isNotEmptyFile();
        }
        assertThat(ids(doc)).contains("interrupted-syscalls");
        Cli.Result again = Cli.run("report", "-o", out.resolve("again.html").toString(), "--png-dir", dir.toString(), input);
        assertThat(again.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("already exists; pass --force to replace it");
        assertThat(out.resolve("again.html")).doesNotExist();
    }

    @Test
    void theDefaultNameIsTheFirstInputsBaseName() {
        assertThat(io.preemptscope.cli.ReportCommand.defaultName(Path.of("a/seed-default.strace.txt")))
                .isEqualTo("seed-default.report.html");
        assertThat(io.preemptscope.cli.ReportCommand.defaultName(Path.of("x/caddy-default.strace.txt.gz")))
                .isEqualTo("caddy-default.report.html");
        assertThat(io.preemptscope.cli.ReportCommand.defaultName(Path.of("bundles/spin-native")))
                .isEqualTo("spin-native.report.html");
        assertThat(io.preemptscope.cli.ReportCommand.defaultName(Path.of("-"))).isEqualTo("stdin.report.html");
    }
}
