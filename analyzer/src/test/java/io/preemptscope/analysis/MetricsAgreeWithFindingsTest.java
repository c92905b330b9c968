package io.preemptscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.testing.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The metrics and the findings of one run tell one story: no figure in the metrics is smaller
 * than what a finding of the same run reports from the same kind of evidence. A report once said
 * "max 13.7 ms" of a thread a finding said ran at least 1013.7 ms. The findings carry their
 * numbers in their messages only, so they are read from there; a message this test cannot read
 * fails it, rather than passing unchecked.
 */
class MetricsAgreeWithFindingsTest {
    /** Findings print one decimal (three for delivery latency), the metrics three. */
    private static final double ROUNDING_MS = 0.05;
    private static final Pattern RUN = Pattern.compile("^thread \\d+ ran (?:user code without a syscall for )?([0-9.]+) ms");
    private static final Pattern SLICE = Pattern.compile(
            "^goroutine \\d+ ran ([0-9.]+) ms on P\\d+ until (an async preemption|a cooperative preemption|.+?) while");
    private static final Pattern STREAK = Pattern.compile(
            "on (\\d+) consecutive rounds over ([0-9.]+) ms .* it ran at least ([0-9.]+) ms");
    /** The same streak to a thread that was itself waiting for a stop: no slice is inferred. */
    private static final Pattern WAITER_STREAK = Pattern.compile(
            "on (\\d+) consecutive rounds over ([0-9.]+) ms \\(\\d+ delivered\\) while that thread itself waited");
    private static final Pattern DELIVERY = Pattern.compile("^SIGURG reached thread \\d+ ([0-9.]+) ms after thread (\\d+) sent it");

    /** A capture by its path under sample-traces/ or the corpus, which names the test case. */
    record Capture(String name, Path path) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Every capture in sample-traces/ (perf bundles included) and every real capture of a Go
     * program in the shared corpus. The perf script layouts are one capture printed four more
     * ways; the perf bundle stands for them.
     */
    static Stream<Capture> captures() throws IOException {
        List<Path> all = new ArrayList<>();
        Path layouts = Corpus.samples().resolve("perf").resolve("layouts");
        try (Stream<Path> walk = Files.walk(Corpus.samples())) {
            walk.filter(p -> !p.startsWith(layouts))
                    .filter(p -> isCapture(p) || Files.isRegularFile(p.resolve("capture.json"))).sorted().forEach(all::add);
        }
        Path captures = Corpus.strace("captures");
        for (String program : List.of("spin", "pipeblock", "httpsrv")) {
            for (String mode : List.of("default", "apo")) {
                Path dir = captures.resolve(program).resolve(mode);
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(p -> p.getFileName().toString().endsWith(".txt") || p.getFileName().toString().equals("ff"))
                            .sorted().forEach(all::add);
                }
            }
        }
        try (Stream<Path> files = Files.list(captures.resolve("extra"))) {
            // the -c tables hold counts, not a trace; the program's own stderr is no capture
            files.filter(p -> !p.getFileName().toString().startsWith("c-") && !p.toString().endsWith(".stderr.txt"))
                    .sorted().forEach(all::add);
        }
        try (Stream<Path> files = Files.list(Corpus.root().resolve("gotrace/captures"))) {
            files.filter(p -> p.toString().endsWith(".trace")).filter(MetricsAgreeWithFindingsTest::nonEmpty).sorted()
                    .forEach(all::add);
        }
        return all.stream().map(p -> new Capture(
                (p.startsWith(Corpus.samples()) ? Corpus.samples().relativize(p) : Corpus.root().relativize(p)).toString(), p));
    }

    private static boolean isCapture(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && (name.endsWith(".strace.txt") || name.endsWith(".strace.txt.gz") || name.endsWith(".trace"))
                && !p.getParent().getFileName().toString().equals("programs");
    }

    private static boolean nonEmpty(Path p) {
        try {
            return Files.size(p) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void noMetricFallsShortOfWhatAFindingReports(Capture capture) {
        AnalysisResult r = AnalysisRun.of(capture.path());
        AnalysisMetrics m = r.metrics();
        for (Finding f : r.findings()) {
            switch (f.id()) {
                case "COOP_STARVATION", "PREEMPT_LATENCY_EXCEEDED" -> {
                    // a trace's finding cites a byte offset; a strace finding joined to a trace names a goroutine too
                    if (f.evidence().get(0).offset() != null) {
                        slice(f, m);
                    } else {
                        double ran = number(RUN, f, 1);
                        assertThat(m.longestUserRun()).as(f.message()).isNotNull();
                        assertThat(m.longestUserRun().ms()).as(f.message()).isGreaterThanOrEqualTo(ran - ROUNDING_MS);
                    }
                }
                case "SIGURG_DELIVERED_NO_PREEMPT" -> {
                    if (WAITER_STREAK.matcher(f.message()).find()) {
                        assertThat(m.sysmonRequestStreak().spanMs()).as(f.message())
                                .isGreaterThanOrEqualTo(number(WAITER_STREAK, f, 2) - ROUNDING_MS);
                        break;
                    }
                    double span = number(STREAK, f, 2);
                    assertThat(m.sysmonRequestStreak()).as(f.message()).isNotNull();
                    assertThat(m.sysmonRequestStreak().spanMs()).as(f.message()).isGreaterThanOrEqualTo(span - ROUNDING_MS);
                    // the slice the finding infers is forcePreemptNS before the first request plus their span
                    assertThat(10.0 + m.sysmonRequestStreak().spanMs()).isGreaterThanOrEqualTo(number(STREAK, f, 3) - ROUNDING_MS);
                }
                case "SIGNAL_DELIVERY_LATENCY" -> {
                    double late = number(DELIVERY, f, 1);
                    int sender = Integer.parseInt(match(DELIVERY, f).group(2));
                    assertThat(m.sigurgDeliveryLatencyMs().max()).as(f.message()).isGreaterThanOrEqualTo(late - 0.0005);
                    if (m.sigurgBySender() != null) {
                        AnalysisMetrics.SigurgSender from = sender == m.sysmon().tid() ? m.sigurgBySender().sysmon()
                                : m.sigurgBySender().others();
                        assertThat(from.deliveryLatencyMs().max()).as(f.message()).isGreaterThanOrEqualTo(late - 0.0005);
                    }
                }
                default -> { }
            }
        }
        sendersAddUp(m);
    }

    /** A trace's slice: the metric holds the slices a preemption ended, and says so. */
    private static void slice(Finding f, AnalysisMetrics m) {
        Matcher s = match(SLICE, f);
        if (s.group(2).endsWith("preemption")) {
            assertThat(m.preemptLatencyMs().max()).as(f.message())
                    .isGreaterThanOrEqualTo(Double.parseDouble(s.group(1)) - ROUNDING_MS);
        } else {
            assertThat(m.latencyBasis()).as(f.message()).contains("preempted time slice");
        }
    }

    /** The split by sender is a partition of what the totals count. */
    private static void sendersAddUp(AnalysisMetrics m) {
        AnalysisMetrics.SigurgSenders s = m.sigurgBySender();
        if (s == null) {
            return;
        }
        assertThat(s.sysmon().delivered() + s.others().delivered() + s.unseen().delivered()).isEqualTo(m.sigurgDelivered());
        assertThat(s.sysmon().sent()).isEqualTo(m.sigurgSentBySysmon());
        assertThat(s.sysmon().sent() + s.others().sent()).isEqualTo(m.sigurgSent());
        long runs = s.sysmon().userRunBeforeDeliveryMs().count() + s.others().userRunBeforeDeliveryMs().count()
                + s.unseen().userRunBeforeDeliveryMs().count();
        if (m.latencyBasis() != null && m.latencyBasis().startsWith("strace")) {
            assertThat(runs).isEqualTo(m.preemptLatencyMs().count());
            assertThat(m.longestUserRun().ms()).isGreaterThanOrEqualTo(m.preemptLatencyMs().max());
        }
    }

    private static double number(Pattern p, Finding f, int group) {
        return Double.parseDouble(match(p, f).group(group));
    }

    private static Matcher match(Pattern p, Finding f) {
        Matcher m = p.matcher(f.message());
        assertThat(m.find()).as("a %s message this test can read: %s", f.id(), f.message()).isTrue();
        return m;
    }
}
