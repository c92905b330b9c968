package io.preemptscope.schedtrace;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz test of the schedtrace reader: any bytes are read to the end without an exception,
 * and every line is accounted for (a sample's SCHED line, a P/M/G line, or counted as skipped).
 *
 * <p>Seeds: {@code src/test/resources/io/preemptscope/schedtrace/SchedtraceFuzzTestInputs/read/}
 * (pieces of the real captures and the synthetic variant files). Fuzz with
 * {@code JAZZER_FUZZ=1 mvn -pl analyzer test -Dtest=SchedtraceFuzzTest}.
 */
class SchedtraceFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void read(byte[] data) throws IOException {
        long detailLines = 0;
        SchedtraceStatsCollector stats = new SchedtraceStatsCollector();
        try (SchedtraceReader r = new SchedtraceReader(
                new InputStreamReader(new ByteArrayInputStream(data), StandardCharsets.UTF_8))) {
            for (SchedSample s = r.next(); s != null; s = r.next()) {
                stats.accept(s);
                detailLines += s.ps().size() + s.ms().size() + s.gs().size();
            }
            long accounted = r.samples() + detailLines + r.otherLines() + r.malformedLines() + r.orphanLines();
            if (accounted != r.lines()) {
                throw new AssertionError("lines " + r.lines() + " but accounted for " + accounted);
            }
            SchedtraceStats result = stats.result(r);
            if (result.samples() != r.samples()) {
                throw new AssertionError("samples differ");
            }
        }
    }
}
