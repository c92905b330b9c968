package io.preemptscope.gotrace;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.gotrace.v1.V1Decoder;
import io.preemptscope.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Go execution traces in sample-traces/ (capture-gotraces.sh: runtime/trace in tracespin and
 * {@code go test -trace} of gotestspin, go1.19.8 on this machine): each decodes, default runs show
 * asynchronous preemptions and asyncpreemptoff runs none.
 */
class SampleGoTracesTest {

    private static GoTraceAnalysis analyse(String name) throws Exception {
        GoTrace trace = V1Decoder.decode(Corpus.samples().resolve(name));
        assertThat(trace.version()).isEqualTo("1.19");
        assertThat(trace.events()).isNotEmpty();
        return GoTraceAnalysis.of(trace);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tracespin-default.trace", "gotest-default.trace"})
    void defaultRunsArePreemptedAsynchronously(String name) throws Exception {
        GoTraceAnalysis a = analyse(name);
        assertThat(a.asyncPreemptions()).isGreaterThanOrEqualTo(5);
        assertThat(a.cooperativePreemptions()).isZero();
        // no run slice much beyond two sysmon periods
        assertThat(a.slices()).allSatisfy(s -> assertThat(s.durationNs()).isLessThan(60_000_000L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tracespin-apo.trace", "gotest-apo.trace"})
    void asyncpreemptoffRunsAreNeverPreemptedAsynchronously(String name) throws Exception {
        GoTraceAnalysis a = analyse(name);
        assertThat(a.asyncPreemptions()).isZero();
        // the spinner keeps the P for the whole loop (about 0.2 s or more)
        assertThat(a.slices().stream().mapToLong(RunSlice::durationNs).max().orElse(0)).isGreaterThan(150_000_000L);
    }

    @Test
    void exactFiguresOfTheCommittedTraces() throws Exception {
        assertThat(analyse("tracespin-default.trace").asyncPreemptions()).isEqualTo(10);
        assertThat(analyse("gotest-default.trace").asyncPreemptions()).isEqualTo(14);
        assertThat(analyse("tracespin-apo.trace").cooperativePreemptions()).isEqualTo(1);
        assertThat(analyse("gotest-apo.trace").cooperativePreemptions()).isEqualTo(1);
    }

    @Test
    void everyTraceIsListedSmallAndValidatedByGoToolTrace() throws Exception {
        List<String> rows = Files.readAllLines(Corpus.samples().resolve("gotraces.tsv"));
        assertThat(rows.get(0)).startsWith("file\tgodebug\tcommand\texit\tgo_tool_trace_d_exit\tbytes");
        try (var files = Files.list(Corpus.samples())) {
            assertThat(rows.subList(1, rows.size())).extracting(r -> r.split("\t")[0]).containsExactlyInAnyOrderElementsOf(
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".trace")).toList());
        }
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t");
            Path trace = Corpus.samples().resolve(f[0]);
            assertThat(f[3]).as(f[0] + " exit").isEqualTo("0");
            assertThat(f[4]).as(f[0] + " go tool trace -d").isEqualTo("0");
            assertThat(Files.size(trace)).isEqualTo(Long.parseLong(f[5])).isLessThan(1 << 20);
        }
    }
}
