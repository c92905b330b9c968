package io.preemptscope.cli;

import io.preemptscope.testing.Cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.testing.Corpus;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parse} recognises Go traces by content and hands them to the Go trace decoder. */
class GoTraceParseCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.execute(out, err, args);
    }

    private static Path capture(String name) {
        return Corpus.root().resolve("gotrace/captures").resolve(name);
    }

    @Test
    void v1EventsCarryTheMThatHeldTheirP() throws Exception {
        assertThat(run("parse", capture("strace_blocking_read_default.trace").toString())).isEqualTo(ExitCodes.OK);
        java.util.Map<Long, JsonNode> byOffset = new java.util.HashMap<>();
        long withM = 0;
        for (String line : out.toString().strip().split("\n")) {
            JsonNode e = new ObjectMapper().readTree(line);
            byOffset.put(e.get("off").asLong(), e);
            withM += e.has("m") ? 1 : 0;
        }
        // g 19 starts on P0 under M 4, and after P0's next ProcStart (thread=3) under M 3
        assertThat(byOffset.get(34L).get("type").asText()).isEqualTo("GoStart");
        assertThat(byOffset.get(34L).get("m").asLong()).isEqualTo(4);
        assertThat(byOffset.get(63L).get("m").asLong()).isEqualTo(3);
        // the events before a P's first ProcStart (and those on pseudo-Ps) have no M
        assertThat(byOffset).hasSize(161);
        assertThat(withM).isEqualTo(143);
    }

    @Test
    void statsAsJsonForAGoTrace() throws Exception {
        int status = run("parse", "--stats", "--format", "json", capture("loop_with_calls_default.trace").toString());
        assertThat(status).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("format").asText()).isEqualTo("gotrace-v1");
        assertThat(json.get("version").asText()).isEqualTo("1.19");
        assertThat(json.get("events").asLong()).isEqualTo(71);
        assertThat(json.at("/eventTypes/GoPreempt").asLong()).isEqualTo(8);
        assertThat(json.at("/preemptions/async").asLong()).isEqualTo(2);
        assertThat(json.at("/preemptions/cooperative").asLong()).isEqualTo(6);
        assertThat(json.at("/runSlices/count").asLong()).isEqualTo(21);
        assertThat(json.at("/runSlices/maxNs").asLong()).isEqualTo(20_327_638);
        assertThat(json.has("goroutines") && json.has("procs") && json.has("threads") && json.has("durationNs")).isTrue();
    }

    @Test
    void eventsAsJsonLines() throws Exception {
        int status = run("parse", capture("tightloop_forever_default.trace").toString());
        assertThat(status).isEqualTo(ExitCodes.OK);
        String[] lines = out.toString().strip().split("\n");
        assertThat(lines).hasSize(44);
        JsonNode preempt = null;
        for (String l : lines) {
            JsonNode n = new ObjectMapper().readTree(l);
            if (n.get("type").asText().equals("GoPreempt")) {
                preempt = n;
                break;
            }
        }
        assertThat(preempt).isNotNull();
        assertThat(preempt.at("/stack/0/func").asText()).isEqualTo("runtime.asyncPreempt");
    }

    @Test
    void truncatedTraceExitsThreeWithOneLineNamingTheOffset(@TempDir Path dir) throws Exception {
        // Synthetic: the first 500 bytes of a real capture.
        byte[] bytes = Files.readAllBytes(capture("tightloop_bounded_default.trace"));
        Path cut = dir.resolve("truncated_tightloop_bounded_default.trace");
        Files.write(cut, java.util.Arrays.copyOf(bytes, 500));
        int status = run("parse", "--stats", cut.toString());
        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("offset 480").startsWith("preemptscope: ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void emptyTraceFileExitsThreeWithTheEmptyFileMessage() {
        int status = run("parse", "--stats", capture("tightloop_forever_asyncpreemptoff.trace").toString());
        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString().strip()).endsWith("not a Go execution trace: empty file");
    }
}
