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

/** The report of a strace + Go trace pair of one run gives the join's figures. */
class ReportJoinTest {
    @TempDir
    Path dir;

    private Map<String, String> figures(String input) throws Exception {
        Path page = dir.resolve("r.html");
        Cli.Result r = Cli.run("report", "--force", "-o", page.toString(), input);
        assertThat(r.status()).as(r.err()).isZero();
        Document doc = Jsoup.parse(Files.readString(page));
        Map<String, String> rows = new LinkedHashMap<>();
        for (Element tr : doc.select("#figures + table tr")) {
            if (tr.select("td").size() >= 2) {
                rows.put(tr.select("td").get(0).text(), tr.select("td").get(1).text() + " | " + tr.select("td").get(2).text());
            }
        }
        return rows;
    }

    @Test
    void theJoinedFiguresOfTheMixedPair() throws Exception {
        Map<String, String> rows = figures(Corpus.samples().resolve("join/mixed-p2").toString());
        assertThat(rows.get("async preemptions joined to their SIGURG"))
                .isEqualTo("75 of 75 | the two clocks joined to ± 0.032 ms");
        assertThat(rows.get("tgkill to GoPreempt p50 / p90 / p99 / max")).startsWith("0.212 / ")
                .endsWith(" | signal sent to goroutine off its P, n=75");
        assertThat(rows.get("SIGURGs that preempted nothing"))
                .isEqualTo("14 | a goroutine running (unsafe point or stack scan) 13, none on the thread 1");
    }

    @Test
    void aStraceLogAloneHasNoJoinedFigures() throws Exception {
        Map<String, String> rows = figures(Corpus.samples().resolve("join/mixed-p2/strace.txt").toString());
        assertThat(rows).doesNotContainKey("async preemptions joined to their SIGURG");
    }
}
