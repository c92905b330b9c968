package io.preemptscope.cli;

import io.preemptscope.testing.Cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.testing.Corpus;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code parse} hands Go 1.22+ traces, binary or text, to the v2 decoder. */
class GoTraceV2ParseCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.execute(out, err, args);
    }

    private static Path go122Text() {
        return Corpus.root().resolve("gotrace/upstream/go1.22_src_cmd_trace_v2_testdata/go122.test");
    }

    private static Path go122Binary() {
        return Corpus.root().resolve("gotrace/encoded-v2/go1.22plus_bin/cmd_trace_v2_go122.trace");
    }

    private JsonNode stats(Path input) throws Exception {
        int status = run("parse", "--stats", "--format", "json", input.toString());
        assertThat(status).as(err.toString()).isEqualTo(ExitCodes.OK);
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void statsOfTheTextGo122Trace() throws Exception {
        JsonNode json = stats(go122Text());
        assertThat(json.get("format").asText()).isEqualTo("gotrace-v2-text");
        assertGo122(json);
    }

    @Test
    void statsOfTheBinaryGo122TraceAreTheSameButForTheFormat() throws Exception {
        JsonNode json = stats(go122Binary());
        assertThat(json.get("format").asText()).isEqualTo("gotrace-v2");
        assertGo122(json);
    }

    private static void assertGo122(JsonNode json) {
        assertThat(json.get("version").asText()).isEqualTo("1.22");
        assertThat(json.get("events").asLong()).isEqualTo(3573);
        assertThat(json.at("/eventTypes/HeapAlloc").asLong()).isEqualTo(2833);
        assertThat(json.at("/eventTypes/GoStop").asLong()).isEqualTo(20);
        assertThat(json.at("/eventTypes/GoStart").asLong()).isEqualTo(114);
        assertThat(json.at("/eventTypes/ProcSteal").asLong()).isEqualTo(4);
        assertThat(json.at("/preemptions/async").asLong()).isEqualTo(2);
        assertThat(json.at("/preemptions/cooperative").asLong()).isEqualTo(18);
        assertThat(json.get("goVersions").asText()).isEqualTo("1.22");
        assertThat(json.get("goroutines").asInt()).isEqualTo(29);
        assertThat(json.get("procs").asInt()).isEqualTo(8);
        // OS thread ids of the batches (1709048 …), which strace -f shows as TIDs
        assertThat(json.get("threads").asInt()).isEqualTo(10);
        assertThat(json.get("durationNs").asLong()).isEqualTo(148_435_008);
        // one slice per GoStart, and g1's, running when the trace began (its GoStatus), as v1's first GoStart
        assertThat(json.at("/runSlices/count").asLong()).isEqualTo(115);
        assertThat(json.at("/runSlices/p50Ns").asLong()).isEqualTo(98_431);
        // the longest slices are CPU hogs preempted after 20.2 ms (sysmon's 10 ms plus its back-off)
        assertThat(json.at("/runSlices/p99Ns").asLong()).isEqualTo(20_214_592);
        assertThat(json.at("/runSlices/maxNs").asLong()).isEqualTo(20_214_592);
    }

    @Test
    void eventsAsJsonLinesWithResolvedReasons() throws Exception {
        assertThat(run("parse", go122Text().toString())).isEqualTo(ExitCodes.OK);
        String[] lines = out.toString().strip().split("\n");
        assertThat(lines).hasSize(3573);
        long preempted = java.util.Arrays.stream(lines).filter(l -> l.contains("\"type\":\"GoStop\""))
                .filter(l -> l.contains("\"reason\":\"preempted\"")).count();
        assertThat(preempted).isEqualTo(20);
        // every event carries the OS thread of its batch, the join key with strace's TIDs
        assertThat(new ObjectMapper().readTree(lines[1]).get("thread").asLong()).isEqualTo(1709038);
        long withThread = java.util.Arrays.stream(lines).filter(l -> l.contains("\"thread\":")).count();
        assertThat(withThread).isEqualTo(3571); // two events belong to no thread batch
    }

    @Test
    void aBrokenV2TraceIsBadInputWithOneLine() {
        Path bad = Corpus.root().resolve("gotrace/encoded-v2/go1.22plus_bin/go122-create-syscall-with-p.trace");
        assertThat(run("parse", "--stats", bad.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString().strip()).isEqualTo("preemptscope: " + bad
                + ": offset 47: expected a proc but didn't have one (GoSyscallEnd on thread 0, generation 1)");
    }
}
