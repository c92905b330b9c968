package io.preemptscope.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.preemptscope.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole text and JSON output of {@code parse --stats} and {@code analyze} on the sample
 * captures (and of {@code timeline} on a joined pair), held byte for byte against files under {@code src/test/resources/golden/}. A refactor
 * must leave them alone; a deliberate change of output rewrites them with
 * {@code mvn -B -q -pl analyzer -am verify -Dtest=GoldenOutputTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true}
 * and the diff is reviewed like code.
 */
class GoldenOutputTest {
    private static final Path GOLDEN = Path.of(System.getProperty("preemptscope.golden", "src/test/resources/golden"));
    private static final boolean UPDATE = Boolean.getBoolean("preemptscope.golden.update");
    /** The sample captures name executables built here; analyze reads their build info when present. */
    private static final Pattern EXECVE = Pattern.compile("execve\\(\"([^\"]+)\"");

    record Case(String name, List<String> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // relative paths, so the files hold no checkout location (tests run in analyzer/)
        String samples = "../sample-traces/";
        for (String capture : List.of("spin-default", "spin-apo", "pipeblock-default", "pipeblock-apo",
                "echo-default", "echo-apo", "asmspin-default", "asmspin-apo")) {
            String file = samples + capture + ".strace.txt";
            addAll(cases, capture, file);
        }
        for (String trace : List.of("tracespin-default", "tracespin-apo", "gotest-default", "gotest-apo")) {
            addAll(cases, trace, samples + trace + ".trace");
        }
        for (String bundle : List.of("spin-native", "spin-go1.13", "pipeblock-native", "echo-go1.13")) {
            String dir = samples + "bundles/" + bundle;
            cases.add(new Case("bundle-" + bundle + ".analyze.txt", List.of("analyze", dir)));
            cases.add(new Case("bundle-" + bundle + ".analyze.json", List.of("analyze", "--format", "json", dir)));
        }
        // the timeline of a strace + Go trace pair of one run, joined
        cases.add(new Case("timeline-join-spin-p1.json", List.of("timeline", samples + "join/spin-p1")));
        String pair = "../../shared/corpus/gotrace/captures/strace_blocking_read_default";
        cases.add(new Case("pair-strace_blocking_read.analyze.txt",
                List.of("analyze", pair + ".strace.txt", pair + ".trace")));
        cases.add(new Case("pair-strace_blocking_read.analyze.json",
                List.of("analyze", "--format", "json", pair + ".strace.txt", pair + ".trace")));
        String sched = "../../shared/corpus/gotrace/captures/schedtrace_tightloop_bounded_default.schedtrace.txt";
        cases.add(new Case("schedtrace-tightloop.stats.txt", List.of("parse", "--stats", "--format", "text", sched)));
        cases.add(new Case("schedtrace-tightloop.stats.json", List.of("parse", "--stats", sched)));
        // perf captures: parse only, the analysis does not replay them yet
        for (String bundle : List.of("spin-native-perf", "pipeblock-go1.13-perf")) {
            String dir = samples + "perf/bundles/" + bundle;
            cases.add(new Case("bundle-" + bundle + ".stats.txt", List.of("parse", "--stats", "--format", "text", dir)));
            cases.add(new Case("bundle-" + bundle + ".stats.json", List.of("parse", "--stats", dir)));
        }
        return cases.stream();
    }

    private static void addAll(List<Case> cases, String name, String file) {
        cases.add(new Case(name + ".stats.txt", List.of("parse", "--stats", "--format", "text", file)));
        cases.add(new Case(name + ".stats.json", List.of("parse", "--stats", "--format", "json", file)));
        cases.add(new Case(name + ".analyze.txt", List.of("analyze", file)));
        cases.add(new Case(name + ".analyze.json", List.of("analyze", "--format", "json", file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputIsTheGoldenFile(Case c) throws IOException {
        assumeNoBuildInfoHere(c);
        String actual = render(Cli.run(c.args().toArray(String[]::new)));
        Path golden = GOLDEN.resolve(c.name());
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file; see this class's javadoc to create or update it").exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    /** One file per run: how it ended, then what it printed on each stream. */
    static String render(Cli.Result r) {
        return "exit " + r.status() + "\n--- stdout\n" + r.out() + "--- stderr\n" + r.err();
    }

    /**
     * Where the program a sample capture ran is on this machine (someone ran the sample scripts),
     * analyze rightly reads its build info and says so; the golden files are of a machine without it.
     */
    private static void assumeNoBuildInfoHere(Case c) throws IOException {
        for (String arg : c.args()) {
            Path p = Path.of(arg);
            if (arg.endsWith(".strace.txt") && Files.isRegularFile(p)) {
                try (Stream<String> lines = Files.lines(p)) {
                    Matcher m = EXECVE.matcher(lines.findFirst().orElse(""));
                    assumeFalse(m.find() && Files.exists(Path.of(m.group(1))),
                            () -> "the traced executable is on this machine: " + m.group(1));
                }
            }
        }
    }
}
