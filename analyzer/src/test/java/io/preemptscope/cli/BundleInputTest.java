package io.preemptscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.testing.Corpus;
import org.junit.jupiter.api.Test;

/** parse and analyze take a capture bundle directory for its files (the committed sample bundles). */
class BundleInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NATIVE = Corpus.samples().resolve("bundles/spin-native").toString();
    private static final String GO113 = Corpus.samples().resolve("bundles/spin-go1.13").toString();

    @Test
    void parseReadsTheBundlesStraceLog() throws Exception {
        ParseCommandTest.Result r = ParseCommandTest.run("parse", "--stats", NATIVE);
        assertThat(r.status()).isZero();
        JsonNode stats = JSON.readTree(r.out());
        assertThat(stats.get("lines").asLong()).isEqualTo(905);
        assertThat(stats.get("unparsed").asLong()).isZero();
        assertThat(stats.get("tgkill").get("SIGURG").asLong()).isEqualTo(66);
    }

    @Test
    void analyzeReadsTheBundleAndTellsTheModesApart() throws Exception {
        JsonNode nativeRun = JSON.readTree(ParseCommandTest.run("analyze", "--format", "json", NATIVE).out());
        assertThat(nativeRun.get("inputs").get(0).asText()).isEqualTo(NATIVE + "/strace.txt");
        assertThat(nativeRun.get("asyncpreemptoff").asBoolean()).isFalse();
        assertThat(nativeRun.get("metrics").get("sigurgSent").asLong()).isEqualTo(66);

        JsonNode apo = JSON.readTree(ParseCommandTest.run("analyze", "--format", "json", GO113).out());
        assertThat(apo.get("asyncpreemptoff").asBoolean()).isTrue();
        assertThat(apo.get("metrics").get("sigurgSent").asLong()).isZero();
    }
}
