package io.preemptscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Verdicts on perf captures of code nobody here wrote: Debian's gojq summing a 32 MB JSON array
 * (sample-traces/verdicts/perf/, `capture --backend perf [--mode go1.13]`, perf.txt and
 * capture.json kept). Its GC waits for every P's safe point in 100 µs futex steps whose timeout
 * perf cannot read; each wait ends when the straggler wakes the note, and the verdicts must see
 * that end.
 */
class PerfProgramVerdictsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path bundle(String name) {
        return Corpus.samples().resolve("verdicts/perf").resolve(name);
    }

    private static List<JsonNode> findings(String name, String id) throws Exception {
        Cli.Result r = Cli.run("analyze", "--format", "json", bundle(name).toString());
        assertThat(r.status()).as(r.err()).isZero();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : JSON.readTree(r.out()).get("findings")) {
            if (f.get("id").asText().equals(id)) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void underAsyncpreemptoffTheStragglerAndTheWaitItHeldUpArePaired() throws Exception {
        List<JsonNode> starved = findings("gojq-apo-perf", "COOP_STARVATION").stream()
                .filter(f -> f.get("severity").asText().equals("warning")).toList();
        assertThat(starved).singleElement().satisfies(f -> assertThat(f.get("message").asText()).startsWith(
                "thread 8958 ran 39.2 ms of user code without a syscall while thread 8962 waited 39.0 ms for the world"
                        + " to stop or a safe point: its goroutine kept its P past the stop request"));
        List<JsonNode> waits = findings("gojq-apo-perf", "STW_STRAGGLER").stream()
                .filter(f -> f.get("severity").asText().equals("warning")).toList();
        assertThat(waits).singleElement().satisfies(f -> {
            assertThat(f.get("message").asText()).startsWith("thread 8962 waited 39.0 ms (195 timeouts of 100 µs on"
                    + " futex 0x7ac150)").doesNotContain("still waiting when the capture ended");
            assertThat(f.get("capture").asText()).isEqualTo("perf");
        });
        // the wait's end: the straggler wakes the note and the waiter's futex returns 0
        List<String> lines = Files.readAllLines(bundle("gojq-apo-perf").resolve("perf.txt"));
        assertThat(lines.get(7893 - 1)).contains("8958/8958").contains("NR 202 (7ac150, 81, 1,");
        assertThat(lines.get(7897 - 1)).contains("8958/8962").contains("NR 202 = 0");
    }

    @Test
    void withAsyncPreemptionTheWaiterIsNotTheSliceThatWouldNotEnd() throws Exception {
        assertThat(findings("gojq-default-perf", "STW_STRAGGLER")).extracting(f -> f.get("message").asText())
                .allSatisfy(m -> assertThat(m).doesNotContain("still waiting when the capture ended"))
                .anySatisfy(m -> assertThat(m).startsWith("thread 8806 waited 52.4 ms (269 timeouts of 100 µs on"
                        + " futex 0x7ac150)").contains("SIGURG went to thread 8804 (26 delivered)"));
        // sysmon re-asked the waiter's P each round: the waiter holds it, the straggler is the cause
        assertThat(findings("gojq-default-perf", "SIGURG_DELIVERED_NO_PREEMPT")).singleElement().satisfies(f -> {
            assertThat(f.get("severity").asText()).isEqualTo("info");
            assertThat(f.get("message").asText()).isEqualTo("sysmon (thread 8803) sent SIGURG to thread 8806 on 5"
                    + " consecutive rounds over 40.5 ms (5 delivered) while that thread itself waited 52.4 ms for the"
                    + " world to stop or for every P to pass a safe point: the wait holds its P, so its slice lasts"
                    + " until the straggler stops (see STW_STRAGGLER)");
        });
    }
}
