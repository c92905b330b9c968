package io.preemptscope.perf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Findings on a perf capture carry what perf saw of the kernel (pipeblock, Go 1.19, native). */
class PerfFindingFactsTest {
    private static final Path BUNDLE = Corpus.samples().resolve("perf/agreement/pipeblock-native-perf");

    @Test
    void aLateSigurgSaysWhereItsTargetWasWhenTheKernelGeneratedIt() throws Exception {
        Cli.Result r = Cli.run("analyze", "--format", "json", BUNDLE.toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode late = null;
        for (JsonNode f : new ObjectMapper().readTree(r.out()).get("findings")) {
            if (f.get("id").asText().equals("SIGNAL_DELIVERY_LATENCY")) {
                late = f;
                break;
            }
        }
        assertThat(late).isNotNull();
        assertThat(late.get("capture").asText()).isEqualTo("perf");
        assertThat(late.get("message").asText()).isEqualTo("SIGURG reached thread 31024 4.664 ms after thread 31022"
                + " sent it: the target was off the CPU (descheduled, or under strace held by the tracer, which stops a"
                + " thread at each syscall and signal), since a running thread gets it at once; perf: it was off any"
                + " CPU when the kernel generated the signal and was switched in 4.647 ms later");
        // the capture's own lines: the generation, the target's switch-in, then the delivery
        List<String> lines = Files.readAllLines(BUNDLE.resolve("perf.txt"));
        int delivery = late.get("evidence").get(0).get("line").asInt();
        assertThat(lines.get(delivery - 1)).contains("31010/31024").contains("signal_deliver: sig=23 ")
                .contains("18657.716109385:");
        String switchIn = lines.subList(0, delivery).stream().filter(l -> l.contains("31010/31024")
                && l.contains("PERF_RECORD_SWITCH IN")).reduce((a, b) -> b).orElseThrow();
        assertThat(switchIn).contains("18657.716102672:");
    }
}
