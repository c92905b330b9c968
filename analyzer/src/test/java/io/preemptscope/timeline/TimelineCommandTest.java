package io.preemptscope.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.cli.ExitCodes;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code timeline} on real captures: valid trace-event JSON, every event where it belongs. */
class TimelineCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String pair(String name) {
        return Corpus.samples().resolve("join").resolve(name).toString();
    }

    private static JsonNode timeline(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("timeline"));
        all.addAll(List.of(args));
        Cli.Result r = Cli.run(all.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static List<JsonNode> events(JsonNode root, String ph, String name) {
        List<JsonNode> out = new ArrayList<>();
        root.get("traceEvents").forEach(e -> {
            if (e.get("ph").asText().equals(ph) && (name == null || e.get("name").asText().equals(name))) {
                out.add(e);
            }
        });
        return out;
    }

    private static long count(String kind, String... inputs) throws Exception {
        List<String> args = new ArrayList<>(List.of("parse"));
        args.addAll(List.of(inputs));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        return r.out().lines().filter(l -> l.contains("\"kind\":\"" + kind + "\"")).count();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spin-p1", "spin-p2", "mixed-p2", "spin-p2-go1.13"})
    void theJoinedTimelineOfEachSamplePairFollowsTheTraceEventRules(String name) throws Exception {
        JsonNode root = timeline(pair(name));
        assertThat(TraceEventRules.violations(root)).isEmpty();
        // every syscall strace printed is a slice, every signal delivery an instant
        long syscalls = count("syscall", pair(name) + "/strace.txt");
        long signals = count("signal", pair(name) + "/strace.txt");
        long straceSlices = events(root, "X", null).stream().filter(e -> e.get("cat").asText().matches("syscall|sleep"))
                .count();
        assertThat(straceSlices).isEqualTo(syscalls);
        assertThat(events(root, "i", null).stream().filter(e -> e.get("cat").asText().equals("signal")).count())
                .isEqualTo(signals);
        // every arrow runs tgkill -> delivery -> rt_sigreturn
        assertThat(events(root, "s", null)).hasSameSizeAs(events(root, "f", null));
    }

    @Test
    void aPerfCaptureWithItsGoTraceMakesAValidTimelineOnPerfsClock() throws Exception {
        String bundle = Corpus.samples().resolve("perf/agreement/joinload-spin-p1-perf").toString();
        JsonNode root = timeline(bundle);
        assertThat(TraceEventRules.violations(root)).isEmpty();
        List<String> processes = events(root, "M", "process_name").stream().map(e -> e.get("args").get("name").asText())
                .toList();
        assertThat(processes).contains("perf: process", "Go trace: goroutines, on perf's clock");
        // every SIGURG perf saw delivered is an instant, each sent one an arrow to its delivery
        long delivered = java.nio.file.Files.lines(java.nio.file.Path.of(bundle, "perf.txt"))
                .filter(l -> l.contains("signal_deliver: sig=23 ")).count();
        assertThat(events(root, "i", null).stream().filter(e -> e.get("cat").asText().equals("signal")).count())
                .isEqualTo(delivered).isEqualTo(26);
        assertThat(events(root, "s", null)).hasSameSizeAs(events(root, "f", null)).isNotEmpty();
        // what only perf shows: each stretch a thread spent on a CPU, on a track beside it
        List<JsonNode> onCpu = events(root, "X", "on CPU");
        long switchedOut = java.nio.file.Files.lines(java.nio.file.Path.of(bundle, "perf.txt"))
                .filter(l -> l.contains("PERF_RECORD_SWITCH OUT")).count();
        assertThat(onCpu).isNotEmpty().hasSizeLessThanOrEqualTo((int) switchedOut + 5);
        assertThat(events(root, "M", "thread_name").stream().map(e -> e.get("args").get("name").asText()))
                .anyMatch(n -> n.matches("thread \\d+: on a CPU \\(perf\\)"));
    }

    @Test
    void eachMsRunSlicesSitBesideItsThreadAndEachAsyncPreemptionJustAfterItsHandler() throws Exception {
        JsonNode analysis = JSON.readTree(Cli.run("analyze", "--format", "json", pair("mixed-p2")).out());
        JsonNode join = analysis.get("metrics").get("join");
        JsonNode root = timeline(pair("mixed-p2"));
        long pid = root.get("traceEvents").get(0).get("pid").asLong();
        Map<Long, List<long[]>> handlers = new HashMap<>();
        for (JsonNode h : events(root, "X", "SIGURG handler")) {
            long start = Math.round(h.get("ts").asDouble() * 1000);
            handlers.computeIfAbsent(h.get("tid").asLong(), t -> new ArrayList<>())
                    .add(new long[] {start, start + Math.round(h.get("dur").asDouble() * 1000)});
        }
        long uncertainty = join.get("clockOffsetUncertaintyNs").asLong();
        int beside = 0;
        for (JsonNode p : events(root, "i", "async preemption")) {
            long tid = p.get("tid").asLong();
            if (p.get("pid").asLong() != pid || tid < GoTimeline.GO_BESIDE_THREAD) {
                continue;
            }
            beside++;
            long at = Math.round(p.get("ts").asDouble() * 1000);
            // the handler on the kernel thread beside it returned shortly before
            assertThat(handlers.get(tid - GoTimeline.GO_BESIDE_THREAD)).as(p.toString())
                    .anyMatch(h -> h[1] <= at + uncertainty + 20_000 && h[0] <= at && at - h[1] < 20_000_000);
        }
        assertThat(beside).isEqualTo(join.get("asyncPreemptions").asInt());
        for (JsonNode t : join.get("threadMap")) {
            assertThat(events(root, "M", "thread_name")).anyMatch(m -> m.get("args").get("name").asText()
                    .equals("thread " + t.get("tid").asInt() + ": Go (M " + t.get("m").asInt() + ")"));
        }
        assertThat(root.get("otherData").get("joined").asBoolean()).isTrue();
    }

    @Test
    void goRunSlicesAreNamedByGoroutineAndFunctionOnTheirPAndGoroutineTracks() throws Exception {
        JsonNode root = timeline(pair("spin-p1"));
        List<JsonNode> onPs = events(root, "X", null).stream()
                .filter(e -> e.get("pid").asLong() == GoTimeline.PS_PID).toList();
        List<JsonNode> onGs = events(root, "X", null).stream()
                .filter(e -> e.get("pid").asLong() == GoTimeline.GOROUTINES_PID).toList();
        assertThat(onPs).hasSameSizeAs(onGs).isNotEmpty();
        assertThat(onPs).anyMatch(e -> e.get("name").asText().matches("G\\d+ main\\.spin"));
        assertThat(events(root, "i", "async preemption").stream()
                .filter(e -> e.get("pid").asLong() == GoTimeline.PS_PID)).hasSize(23);
    }

    @Test
    void findingsAreInstantsWithTheirIdMessageAndEvidence() throws Exception {
        String hang = Corpus.samples().resolve("verdicts/seed-apo-hang.strace.txt").toString();
        JsonNode analysis = JSON.readTree(Cli.run("analyze", "--format", "json", hang).out());
        JsonNode root = timeline(hang);
        assertThat(TraceEventRules.violations(root)).isEmpty();
        List<JsonNode> findings = events(root, "i", null).stream()
                .filter(e -> e.get("cat").asText().equals("finding")).toList();
        assertThat(findings).hasSize(analysis.get("findings").size());
        JsonNode first = analysis.get("findings").get(0);
        assertThat(findings).anyMatch(f -> f.get("name").asText().equals(first.get("id").asText())
                && f.get("args").get("message").asText().equals(first.get("message").asText())
                && f.get("args").get("evidence").asText().startsWith(hang + ":"));
    }

    @Test
    void fromToAndThreadsSelectWhatIsExported() throws Exception {
        JsonNode all = timeline(pair("spin-p2"));
        long tid = all.get("traceEvents").get(0).get("pid").asLong();
        JsonNode some = timeline("--from", "100ms", "--to", "0.3", "--threads", Long.toString(tid), pair("spin-p2"));
        assertThat(TraceEventRules.violations(some)).isEmpty();
        for (JsonNode e : some.get("traceEvents")) {
            if (e.get("ph").asText().equals("X") && e.get("cat").asText().matches("syscall|sleep")) {
                assertThat(e.get("tid").asLong()).isEqualTo(tid);
                double ts = e.get("ts").asDouble();
                assertThat(ts + e.get("dur").asDouble()).isGreaterThanOrEqualTo(100_000);
                assertThat(ts).isLessThanOrEqualTo(300_000);
            }
        }
        assertThat(some.get("traceEvents").size()).isLessThan(all.get("traceEvents").size());
    }

    @Test
    void maxEventsCutsWithAWarningThatSaysHowMany() throws Exception {
        JsonNode all = timeline(pair("spin-p1"));
        long capped = all.get("traceEvents").size() - events(all, "M", null).size() - 2L * events(all, "s", null).size()
                - events(all, "i", null).stream().filter(e -> e.get("cat").asText().equals("finding")).count();
        Cli.Result r = Cli.run("timeline", "--max-events", "100", pair("spin-p1"));
        assertThat(r.status()).isZero();
        JsonNode cut = JSON.readTree(r.out());
        assertThat(TraceEventRules.violations(cut)).isEmpty();
        // an arrow's three events count as one: cut whole or kept whole
        assertThat(cut.get("traceEvents").size() - events(cut, "M", null).size() - 2L * events(cut, "s", null).size())
                .isEqualTo(100);
        assertThat(r.err()).isEqualTo("preemptscope: warning: timeline: --max-events 100 reached: " + (capped - 100)
                + " later strace and Go events were left out (the strace events come first, then the Go trace's);"
                + " narrow the export with --from/--to/--threads, or raise --max-events\n");
    }

    @Test
    void aGzNameCompressesAndAnExistingFileIsKeptWithoutForce() throws Exception {
        Path gz = dir.resolve("t.json.gz");
        Cli.Result r = Cli.run("timeline", "-o", gz.toString(), pair("spin-p1"));
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode plain = timeline(pair("spin-p1"));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(JSON.readTree(in)).isEqualTo(plain);
        }
        Cli.Result again = Cli.run("timeline", "-o", gz.toString(), pair("spin-p1"));
        assertThat(again.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).startsWith("preemptscope: --output: " + gz + " already exists; pass --force");
    }

    @Test
    void aGoTraceAloneIsDrawnOnItsOwnClock() throws Exception {
        JsonNode root = timeline(Corpus.samples().resolve("tracespin-default.trace").toString());
        assertThat(TraceEventRules.violations(root)).isEmpty();
        assertThat(root.get("otherData").get("joined").asBoolean()).isFalse();
        assertThat(root.get("otherData").get("timeZero").asText()).isEqualTo("the Go trace's first event");
        // tracespin: one P, 25 run slices, 10 of them ended by async preemption
        assertThat(events(root, "X", null)).hasSize(2 * 25);
        assertThat(events(root, "i", "async preemption")).hasSize(2 * 10);
    }

    @Test
    void straceEventsWithoutTimestampsAreLeftOutWithAWarning() {
        String untimed = Corpus.root().resolve("strace/captures/extra/X-verbose.txt").toString();
        Cli.Result r = Cli.run("timeline", untimed);
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEqualTo("preemptscope: warning: timeline: 299 strace events have no timestamp and are"
                + " left out; capture with -tt, -ttt or --timestamps to place them\n");
    }

    @Test
    void aBadTimeIsAUsageError() {
        Cli.Result r = Cli.run("timeline", "--from", "soon", pair("spin-p1"));
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("preemptscope: --from: expected a time such as 1.5, 1.5s, 250ms or 300us,"
                + " got soon");
    }
}
