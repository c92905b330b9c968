package io.preemptscope.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks files in YAML and JSON, read by path from analyze's JSON of real captures. */
class ChecksFileTest {
    @TempDir
    Path dir;

    @Test
    void yamlChecksReadAnalyzeJsonPaths() throws IOException {
        Path file = dir.resolve("synthetic-checks.yaml");
        Files.writeString(file, """
                - metric: metrics.sigurgSent
                  compare: gt
                  threshold: 0
                - metric: $.metrics.preemptLatencyMs.p99
                  compare: not-worse
                  threshold: 10%
                - metric: findingCounts.COOP_STARVATION
                  compare: eq
                  threshold: 0
                  side: both
                - metric: metrics.eintr.read
                  compare: le
                  threshold: 0
                """);
        ComparisonJson.Outcome o = ComparisonJson.compare(file.toString(), "spin-apo.strace.txt",
                "spin-default.strace.txt");
        assertThat(o.verdicts()).containsEntry("metrics.sigurgSent gt 0", "pass")
                .containsEntry("metrics.preemptLatencyMs.p99 not-worse 10%", "inconclusive")
                .containsEntry("findingCounts.COOP_STARVATION eq 0", "fail")
                .containsEntry("metrics.eintr.read le 0", "pass");
        assertThat(o.check("findingCounts.COOP_STARVATION eq 0").get("sentence").asText())
                .isEqualTo("findingCounts.COOP_STARVATION eq 0 does not hold: baseline 1");
        assertThat(o.check("metrics.sigurgSent gt 0").get("candidate").asText()).isEqualTo("47");
        assertThat(o.status()).isEqualTo(1);
    }

    @Test
    void jsonChecksAndBuiltInSetsGoTogether() throws IOException {
        Path file = dir.resolve("synthetic-checks.json");
        Files.writeString(file, "{\"checks\": [{\"name\": \"p50 not worse\", \"metric\": \"metrics.preemptLatencyMs.p50\","
                + " \"compare\": \"not-worse\", \"threshold\": \"20%\"}]}");
        ComparisonJson.Outcome o = ComparisonJson.compare(file.toString(), "bundles/spin-native",
                "spin-default.strace.txt", "--checks", "go1.14-preemption");
        assertThat(o.json().get("checkSets").size()).isEqualTo(2);
        assertThat(o.check("p50 not worse").get("baseline").asText()).isEqualTo("20.382");
        assertThat(o.check("p50 not worse").get("candidate").asText()).isEqualTo("20.398");
        assertThat(o.check("p50 not worse").get("verdict").asText()).isEqualTo("pass");
    }

    @Test
    void aBadChecksFileIsBadInputNamingTheEntry() throws IOException {
        Path file = dir.resolve("synthetic-bad-checks.yaml");
        Files.writeString(file, "- metric: metrics.sigurgSent\n  compare: between\n  threshold: 1\n");
        Cli.Result r = Cli.run("compare", "--checks", file.toString(), ComparisonJson.sample("spin-apo.strace.txt"),
                ComparisonJson.sample("spin-default.strace.txt"));
        assertThat(r.status()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("preemptscope: --checks: " + file
                + ": check 1: compare must be lt, le, eq, ge, gt or not-worse, got between\n");
    }

    @Test
    void anUnknownCheckSetNameIsAUsageError() {
        Cli.Result r = Cli.run("compare", "--checks", "nosuchset", ComparisonJson.sample("spin-apo.strace.txt"),
                ComparisonJson.sample("spin-default.strace.txt"));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("preemptscope: --checks: nosuchset is neither a check set"
                + " (go1.14-preemption, no-regression) nor a file");
    }

    @Test
    void aChecksFileThatIsNotYamlGetsOneLineWithItsPlace() throws IOException {
        Path file = dir.resolve("synthetic-unclosed.yaml");
        Files.writeString(file, "- metric: [oops\n");
        Cli.Result r = Cli.run("compare", "--checks", file.toString(), ComparisonJson.sample("spin-apo.strace.txt"),
                ComparisonJson.sample("spin-default.strace.txt"));
        assertThat(r.status()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("preemptscope: --checks: " + file + ":1: column 16: not YAML or JSON: while"
                + " parsing a flow sequence; expected ',' or ']', but got <stream end>\n");
    }

    @Test
    void aMisspeltMetricFailsRatherThanPassingAsInconclusive() throws IOException {
        Path file = dir.resolve("synthetic-typo.json");
        Files.writeString(file, "[{\"metric\": \"metrics.sigurgSnet\", \"compare\": \"gt\", \"threshold\": 0,"
                + " \"side\": \"candidate\"}]");
        Cli.Result r = Cli.run("compare", "--checks", file.toString(), ComparisonJson.sample("spin-apo.strace.txt"),
                ComparisonJson.sample("spin-default.strace.txt"));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("metrics.sigurgSnet is not a field of analyze --format json on either side:"
                + " check the metric's name");
    }
}
