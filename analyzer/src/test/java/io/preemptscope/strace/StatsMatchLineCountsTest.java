package io.preemptscope.strace;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.stats.StraceStats;
import io.preemptscope.testing.Corpus;
import io.preemptscope.testing.StraceRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The counts of {@code parse --stats} against counts taken independently, by plain line matching,
 * on every capture: the parser may not invent or drop a single construct.
 */
class StatsMatchLineCountsTest {
    /** SIGURG by name, or as -X raw prints it: number 23 as the last argument. */
    private static final Pattern TGKILL_SIGURG = Pattern.compile("\\btgkill\\(([^\"]*SIGURG|\\d+, \\d+, 23\\b)");
    private static final Pattern SIGURG_DELIVERY = Pattern.compile("--- SIGURG \\{");
    private static final Pattern EINTR = Pattern.compile("= -1 EINTR \\(");
    private static final Pattern RESUMED = Pattern.compile("<\\.\\.\\. [a-z0-9_?]+ resumed>");

    static Stream<Path> captures() {
        List<Path> all = new ArrayList<>(Corpus.straceFiles());
        all.addAll(Corpus.sampleStraceFiles());
        return all.stream().filter(p -> !p.getFileName().toString().startsWith("juju-mutex-11"));
    }

    @ParameterizedTest
    @MethodSource("captures")
    void countsEqualPlainLineMatching(Path capture) throws IOException {
        List<String> lines = Files.readAllLines(capture, StandardCharsets.ISO_8859_1);
        StraceStats stats = StraceRun.of(capture).stats;

        assertThat(stats.lines()).as("lines").isEqualTo(lines.size());
        assertThat(stats.tgkill().getOrDefault("SIGURG", 0L)).as("tgkill(SIGURG)")
                .isEqualTo(count(lines, TGKILL_SIGURG));
        assertThat(stats.signals().getOrDefault("SIGURG", 0L)).as("--- SIGURG")
                .isEqualTo(count(lines, SIGURG_DELIVERY));
        assertThat(stats.errors().getOrDefault("EINTR", 0L)).as("= -1 EINTR")
                .isEqualTo(count(lines, EINTR));
        for (String code : List.of("ERESTARTSYS", "ERESTART_RESTARTBLOCK", "ERESTARTNOHAND", "ERESTARTNOINTR")) {
            Pattern restart = Pattern.compile("= \\? " + code + " \\(");
            assertThat(stats.errors().getOrDefault(code, 0L)).as(code).isEqualTo(count(lines, restart));
        }
        assertThat(stats.unfinished()).as("lines ending in <unfinished ...>")
                .isEqualTo(lines.stream().filter(l -> l.stripTrailing().endsWith("<unfinished ...>")).count());
        assertThat(stats.resumed()).as("<... X resumed> lines").isEqualTo(count(lines, RESUMED));
        assertThat(stats.exits()).as("+++ exited with")
                .isEqualTo(lines.stream().filter(l -> l.contains("+++ exited with ")).count());
        assertThat(stats.kills()).as("+++ killed by")
                .isEqualTo(lines.stream().filter(l -> l.contains("+++ killed by ")).count());
    }

    private static long count(List<String> lines, Pattern p) {
        return lines.stream().filter(l -> p.matcher(l).find()).count();
    }
}
