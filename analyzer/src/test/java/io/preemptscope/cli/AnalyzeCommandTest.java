package io.preemptscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.testing.Corpus;
import org.junit.jupiter.api.Test;

/** The analyze command as a CI job runs it: the JSON contract and the exit status. */
class AnalyzeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPIN_APO = Corpus.strace("captures/spin/apo/f-tt-T.txt").toString();
    private static final String SPIN = Corpus.strace("captures/spin/default/f-tt-T.txt").toString();

    @Test
    void jsonCarriesTheDocumentedFields() throws Exception {
        ParseCommandTest.Result r = ParseCommandTest.run("analyze", "--format", "json", SPIN_APO);
        assertThat(r.status()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("schema").asInt()).isEqualTo(1);
        assertThat(root.get("inputs").get(0).asText()).isEqualTo(SPIN_APO);
        assertThat(root.get("goVersion").asText()).isEqualTo("unknown");
        assertThat(root.get("asyncpreemptoff").asBoolean()).isTrue();
        JsonNode m = root.get("metrics");
        for (String field : new String[] {"sigurgSent", "sigurgDelivered", "sigurgCoalesced", "preemptions",
                "preemptLatencyMs", "eintr", "restarts", "sysmon"}) {
            assertThat(m.has(field)).as(field).isTrue();
        }
        assertThat(m.get("sysmon").get("tid").asInt()).isEqualTo(12378);
        assertThat(m.get("preemptions").get("cooperative").isNull()).isTrue();
        JsonNode finding = root.get("findings").get(0);
        assertThat(finding.get("id").asText()).isEqualTo("COOP_STARVATION");
        assertThat(finding.get("severity").asText()).isEqualTo("warning");
        assertThat(finding.get("tid").asInt()).isEqualTo(12375);
        assertThat(finding.get("goroutine").isNull()).isTrue();
        assertThat(finding.get("evidence").get(0).get("file").asText()).isEqualTo(SPIN_APO);
        assertThat(finding.get("evidence").get(0).get("line").asLong()).isEqualTo(263);
        assertThat(finding.get("rule").asText()).endsWith("(docs/model.md#coop_starvation)");
        assertThat(finding.get("ruleDoc").asText()).isEqualTo("docs/model.md#coop_starvation");
        assertThat(finding.get("sources").get(0).get("url").asText())
                .startsWith("https://github.com/golang/go/blob/go1.");
    }

    @Test
    void failOnGatesTheExitStatus() {
        assertThat(ParseCommandTest.run("analyze", "--fail-on", "warning", SPIN_APO).status()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(ParseCommandTest.run("analyze", "--fail-on", "error", SPIN_APO).status()).isZero();
        assertThat(ParseCommandTest.run("analyze", SPIN_APO).status()).isZero();
        assertThat(ParseCommandTest.run("analyze", "--fail-on", "info", SPIN).status()).isZero();
    }

    @Test
    void theTextSummaryShowsFindingsWithTheirEvidenceLines() {
        ParseCommandTest.Result r = ParseCommandTest.run("analyze", SPIN_APO);
        assertThat(r.out()).contains("SIGURG sent 0, delivered 0, coalesced 0")
                .contains("WARNINGS")
                .contains("COOP_STARVATION (1)")
                .contains(SPIN_APO + ":263  12375 12:01:30.114067 epoll_ctl(3, EPOLL_CTL_ADD");
    }

    @Test
    void badOptionsAreUsageErrorsAndBadInputIsThree() {
        assertThat(ParseCommandTest.run("analyze", "--go-version", "banana", SPIN).status()).isEqualTo(ExitCodes.USAGE);
        assertThat(ParseCommandTest.run("analyze", "--fail-on", "fatal", SPIN).status()).isEqualTo(ExitCodes.USAGE);
        assertThat(ParseCommandTest.run("analyze", "--asyncpreemptoff", "maybe", SPIN).status()).isEqualTo(ExitCodes.USAGE);
        ParseCommandTest.Result missing = ParseCommandTest.run("analyze", "/nonexistent/capture.txt");
        assertThat(missing.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).doesNotContain("Exception");
    }

    @Test
    void anExplicitVersionSelectsItsProfile() throws Exception {
        ParseCommandTest.Result r = ParseCommandTest.run("analyze", "--format", "json", "--go-version", "1.13", SPIN);
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("goVersion").asText()).isEqualTo("go1.13");
        assertThat(root.get("profile").asText()).isEqualTo("go1.13");
        assertThat(root.get("findings").findValuesAsText("id")).contains("SIGURG_IN_GO113");
    }
}
