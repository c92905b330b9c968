package io.preemptscope.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capture --report}: a real capture of a tiny Go program leaves report.html in the bundle. */
class CaptureReportTest {
    @TempDir
    Path tmp;

    @Test
    void reportWritesTheBundlesPageWithItsVerdictAndChartsAndNoScript() throws Exception {
        Path out = tmp.resolve("spin");
        String spin = GoPrograms.spin().toString();
        CaptureCli.Result r = CaptureCli.run("--report", "--out", out.toString(), "--", spin, "150000000");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("spin: ticks=");
        Path html = out.resolve("report.html");
        assertThat(r.err()).endsWith("preemptscope: capture: report " + html + "\n");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("capture.json", "report.html", "strace.txt");
        }

        Document doc = Jsoup.parse(html.toFile(), "UTF-8");
        Element verdict = doc.selectFirst("p.verdict");
        assertThat(verdict).isNotNull();
        assertThat(verdict.text()).isNotBlank();
        assertThat(verdict.className()).containsAnyOf("ok", "warning", "error", "neutral");
        // the capture section reads capture.json: the command as run
        assertThat(doc.text()).contains(spin + " 150000000");
        // sysmon preempts the spinners: a SIGURG timeline and the latency histogram at least
        assertThat(doc.select("figure").eachAttr("id")).contains("latency-histogram", "sigurg-timeline");
        for (Element img : doc.select("figure img")) {
            assertThat(img.attr("src")).startsWith("data:image/png;base64,");
            assertThat(img.attr("alt")).isNotBlank();
        }
        // every chart is drawn or says why not
        assertThat(doc.select("figure").size() + doc.select("#charts ~ ul li").size()).isEqualTo(8);
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.getAllElements().stream().flatMap(e -> e.attributes().asList().stream())
                .map(a -> a.getKey()).filter(k -> k.startsWith("on")).collect(Collectors.toList())).isEmpty();
        assertThat(doc.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .contains("default-src 'none'").doesNotContain("script-src");
        assertThat(doc.select("h2#threads ~ table td").eachText()).contains("sysmon");
    }
}
