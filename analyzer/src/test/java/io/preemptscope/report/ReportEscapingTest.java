package io.preemptscope.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.preemptscope.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real capture whose program path, arguments and output carry HTML payloads: a Go program built
 * in a directory named with them, run with them as argv under {@code strace -f -tt -T -s 200}
 * with async preemption off, printing them and then spinning so a starvation finding quotes the
 * write of the last one. The report must show every payload as text and run none.
 */
class ReportEscapingTest {
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMG = "\"><img src=x onerror=alert(2)>";
    static final String TEXTAREA = "</textarea><b onmouseover=alert(3)>";
    private static final Path GO = Path.of(System.getProperty("preemptscope.go", "/usr/lib/go-1.19/bin/go"));
    private static final String PROGRAM = """
            package main

            import (
            	"fmt"
            	"os"
            	"time"
            )

            var sink uint64

            func main() {
            	for _, a := range os.Args[1:] {
            		fmt.Println(a)
            	}
            	x := uint64(1)
            	end := time.Now().Add(400 * time.Millisecond)
            	for i := 0; ; i++ {
            		x = x*6364136223846793005 + 1442695040888963407
            		if i%(1<<22) == 0 && time.Now().After(end) {
            			break
            		}
            	}
            	sink = x
            }
            """;

    @TempDir
    static Path dir;
    static Path capture;

    @BeforeAll
    static void captureThePayloadProgram() throws Exception {
        assumeTrue(Files.isExecutable(GO), "Go 1.19 is not installed at " + GO + " (./run-tests installs it)");
        Path src = Files.createDirectories(dir.resolve("payload-<script>alert(0)<").resolve("script>\"><img src=x onerror=alert(0)>"));
        Files.writeString(src.resolve("go.mod"), "module payload\n\ngo 1.19\n");
        Files.writeString(src.resolve("main.go"), PROGRAM);
        // the main thread is named after the program: its name carries a payload too
        Path binary = src.resolve("payload-<b>prog");
        run(src, Map.of("GOCACHE", Path.of("target", "go-build-cache").toAbsolutePath().toString(),
                "GOPATH", dir.resolve("gopath").toString(), "CGO_ENABLED", "0", "GOFLAGS", ""),
                GO.toString(), "build", "-o", binary.toString(), ".");
        capture = src.resolve("payload-capture.strace.txt");
        run(src, Map.of("GODEBUG", "asyncpreemptoff=1", "GOMAXPROCS", "1"), "strace", "-f", "-tt", "-T", "-s", "200",
                "-o", capture.toString(), binary.toString(), SCRIPT, TEXTAREA, IMG);
    }

    private static void run(Path cwd, Map<String, String> env, String... argv) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", argv) + ": " + output).isZero();
    }

    @Test
    void everyPayloadIsShownAsTextAndNoneRuns() throws IOException {
        assertThat(Files.readString(capture)).contains(SCRIPT, IMG.replace("\"", "\\\""), TEXTAREA);
        Path html = dir.resolve("payload-report.html");
        Cli.Result r = Cli.run("report", "-o", html.toString(), capture.toString());
        assertThat(r.status()).as(r.err()).isZero();
        Document doc = Jsoup.parse(html.toFile(), "UTF-8");
        ReportChecks.selfContainedAndScriptFree(doc);
        ReportChecks.chartsDecode(doc);
        assertThat(doc.select("img")).allMatch(img -> img.attr("src").startsWith(ReportChecks.PNG_PREFIX));
        assertThat(doc.select("b, textarea")).isEmpty();
        // the path (input table, evidence) and the quoted write of the payload, as text
        assertThat(doc.select("h2#capture ~ table td").eachText()).anyMatch(t -> t.contains("payload-<script>alert(0)<"));
        assertThat(doc.select("pre.evidence").text()).contains(capture.toString());
        assertThat(doc.select("h2#threads ~ table td").eachText()).anyMatch(t -> t.startsWith("main (payload-<b>prog)"));
        String evidence = doc.select("pre.evidence").text();
        assertThat(evidence).containsAnyOf("write(1, \"" + IMG.replace("\"", "\\\""), "write(1, \"" + TEXTAREA,
                "write(1, \"" + SCRIPT);
        String raw = Files.readString(html);
        for (String payload : List.of(SCRIPT, TEXTAREA, "<img src=x", "<script>alert(0)", "<b>prog")) {
            assertThat(raw).doesNotContain(payload);
        }
        // the last payload printed is the write the starvation finding quotes, escaped
        assertThat(raw).contains("write(1, \"\\\"&gt;&lt;img src=x onerror=alert(2)&gt;\\n\"")
                .contains("payload-&lt;script&gt;alert(0)&lt;/script&gt;\"&gt;&lt;img src=x onerror=alert(0)&gt;");
    }
}
