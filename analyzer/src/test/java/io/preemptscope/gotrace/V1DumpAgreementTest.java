package io.preemptscope.gotrace;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.gotrace.v1.V1Decoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every captured trace decodes to exactly the event lines the official go1.19 {@code go tool trace -d} printed. */
class V1DumpAgreementTest {

    static Stream<Path> captures() throws Exception {
        return GoTraceCorpus.nonEmptyCaptures().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void decodedEventsEqualTheOfficialDump(Path trace) throws Exception {
        List<String> expected = Files.readAllLines(GoTraceCorpus.dumpOf(trace));
        List<String> actual = V1Decoder.decode(trace).events().stream().map(DumpFormat::line).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
