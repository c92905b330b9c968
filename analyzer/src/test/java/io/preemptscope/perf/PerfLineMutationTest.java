package io.preemptscope.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Synthetic mutations of real perf script lines (every kind in the spin bundle, cut short and with
 * bytes replaced): the parser returns an event or a failure inside the line, and never throws.
 */
class PerfLineMutationTest {
    private static final String NASTY = "\0\t \u001b:/[]().,=>-#x9";

    @Test
    void mutatedLinesAreEventsOrFailuresNeverExceptions() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../sample-traces/perf/bundles/spin-native-perf/perf.txt"),
                StandardCharsets.ISO_8859_1);
        PerfLineParser parser = new PerfLineParser();
        Random random = new Random(17);
        int failures = 0;
        for (int i = 0; i < lines.size(); i += 7) {
            String line = lines.get(i);
            for (int cut = 0; cut <= line.length(); cut += 5) {
                failures += check(parser, line.substring(0, cut));
            }
            for (int k = 0; k < 10; k++) {
                char[] c = line.toCharArray();
                c[random.nextInt(c.length)] = NASTY.charAt(random.nextInt(NASTY.length()));
                failures += check(parser, new String(c));
            }
        }
        // most mutations break the line; the count pins that the check ran over the sample
        assertThat(failures).isGreaterThan(1000);
    }

    private static int check(PerfLineParser parser, String text) {
        PerfEvent e = parser.parse(1, text);
        if (e != null) {
            assertThat(parser.failure()).isNull();
            return 0;
        }
        PerfLineParser.Failure f = parser.failure();
        assertThat(f).as(text).isNotNull();
        assertThat(f.column()).as(text).isBetween(1, text.length() + 1);
        assertThat(f.describe()).as(text).startsWith("column " + f.column() + ": expected ");
        return 1;
    }
}
