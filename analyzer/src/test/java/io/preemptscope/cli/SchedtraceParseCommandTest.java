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

/** {@code parse} recognises schedtrace output by a SCHED line near the top. */
class SchedtraceParseCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.execute(out, err, args);
    }

    @Test
    void statsAsJson() throws Exception {
        Path f = Corpus.root().resolve("gotrace/captures/schedtrace_tightloop_bounded_asyncpreemptoff.schedtrace.txt");
        assertThat(run("parse", "--stats", "--format", "json", f.toString())).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("format").asText()).isEqualTo("schedtrace");
        assertThat(json.get("samples").asLong()).isEqualTo(19);
        assertThat(json.get("otherLines").asLong()).isZero();
        assertThat(json.at("/procs/0/progression/2/schedtick").asLong()).isEqualTo(6);
        assertThat(json.at("/procs/0/progression/2/fromMs").asLong()).isEqualTo(57);
        assertThat(json.at("/procs/0/progression/2/toMs").asLong()).isEqualTo(183);
        assertThat(json.at("/stuckIntervals/1/durationMs").asLong()).isEqualTo(126);
        assertThat(json.at("/stuckIntervals/1/curg").asLong()).isEqualTo(7);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void programOutputIsCountedAndReported(@TempDir Path dir) throws Exception {
        // Synthetic: a program line before and inside the runtime's output.
        Path f = dir.resolve("synthetic_mixed.txt");
        Files.writeString(f, "hello from main\n"
                + "SCHED 0ms: gomaxprocs=1 idleprocs=0 threads=2 spinningthreads=0 idlethreads=0 runqueue=0 [0]\n"
                + "result: 42\n"
                + "SCHED 10ms: gomaxprocs=1 idleprocs=0 threads=2 spinningthreads=0 idlethreads=0 runqueue=0 [1]\n");
        assertThat(run("parse", "--stats", f.toString())).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("samples").asLong()).isEqualTo(2);
        assertThat(json.get("otherLines").asLong()).isEqualTo(2);
        assertThat(err.toString()).contains("skipped 2 lines");
    }

    @Test
    void samplesAsJsonLines() throws Exception {
        Path f = Corpus.root().resolve("gotrace/captures/schedtrace_summary_tightloop_bounded_default.schedtrace.txt");
        assertThat(run("parse", f.toString())).isEqualTo(ExitCodes.OK);
        String[] lines = out.toString().strip().split("\n");
        assertThat(lines).hasSize(34);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.at("/summary/localRunqs/0").asLong()).isEqualTo(2);
        assertThat(first.get("line").asLong()).isEqualTo(1);
    }
}
