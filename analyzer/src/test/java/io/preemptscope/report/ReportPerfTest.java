package io.preemptscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a perf capture bundle (pipeblock, Go 1.19, native) names perf and gives what only perf shows. */
class ReportPerfTest {
    private static final Path BUNDLE = Corpus.samples().resolve("perf/agreement/pipeblock-native-perf");

    @TempDir
    Path dir;

    private static Map<String, String> rows(Document doc, String table) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (Element tr : doc.select(table + " tr")) {
            if (tr.select("td").size() >= 2) {
                rows.put(tr.select("td").get(0).text(), tr.select("td").get(1).text()
                        + (tr.select("td").size() > 2 ? " | " + tr.select("td").get(2).text() : ""));
            }
        }
        return rows;
    }

    @Test
    void thePerfBundlesReportNamesItsBackendAndTheKernelsFigures() throws Exception {
        Path page = dir.resolve("r.html");
        Cli.Result r = Cli.run("report", "-o", page.toString(), BUNDLE.toString());
        assertThat(r.status()).as(r.err()).isZero();
        Document doc = Jsoup.parse(Files.readString(page));
        ReportChecks.selfContainedAndScriptFree(doc);
        ReportChecks.chartsDecode(doc);

        Map<String, String> capture = rows(doc, "#capture + table");
        assertThat(capture.get("perf")).isEqualTo("perf version 6.1.187");
        assertThat(capture.get("perf command")).startsWith("/usr/bin/perf record -k CLOCK_MONOTONIC --switch-events");
        assertThat(capture.get("perf capture")).isEqualTo("5 threads over 1,297 ms; sysmon thread 31022");
        assertThat(capture).doesNotContainKey("strace");
        assertThat(doc.select("#capture ~ table td").eachText()).contains("perf capture (perf script text)");

        Map<String, String> figures = rows(doc, "#figures + table");
        assertThat(figures.get("SIGURG sent (tgkill)")).startsWith("108 |");
        assertThat(figures.get("SIGURG generation to delivery p50 / p90 / p99 / max")).isEqualTo("0.023 / 1.02 / 5.48 /"
                + " 5.58 ms | perf: generated while the target was on a CPU 0, off any CPU 108; merged into a pending one 0");
        assertThat(figures.get("user runs past 10 ms the kernel switched out")).startsWith("81 of 81 | perf: off any CPU");
        assertThat(figures.get("sysmon sleeps")).startsWith("1,153 | thread 31022; as long as they lasted p50 ");
        // the sleeps' requests are not in a perf capture: the chart draws what was measured only
        assertThat(doc.select("img[alt^=sysmon]").attr("alt")).startsWith("sysmon's observed sleeps over 1.28 s");
    }
}
