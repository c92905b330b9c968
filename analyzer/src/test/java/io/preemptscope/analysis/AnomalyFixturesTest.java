package io.preemptscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalogue id against its fixture (src/test/resources/anomalies, README.md there says where
 * each comes from), through {@code analyze --format json} exactly as a user runs it; and the clean
 * captures, on which no id fires that a healthy go1.19.8 run in that mode cannot produce.
 */
class AnomalyFixturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("src/test/resources/anomalies").toAbsolutePath();
    private static final String PIPE_DEFAULT = "corpus/strace/captures/pipeblock/default/stderr-f-tt.txt";
    private static final String SPIN_DEFAULT = "corpus/strace/captures/spin/default/f-tt-T.txt";

    /** A fixture, the options it needs, and the first finding of the id it must produce. */
    record Fixture(String file, List<String> options, Severity severity, int tid, long line) {}

    private static final Map<AnomalyId, Fixture> FIXTURES = new EnumMap<>(AnomalyId.class);

    private static void fixture(AnomalyId id, String file, Severity severity, int tid, long line, String... options) {
        FIXTURES.put(id, new Fixture(file, List.of(options), severity, tid, line));
    }

    static {
        // real captures
        fixture(AnomalyId.SYSMON_STALL, PIPE_DEFAULT, Severity.WARNING, 12016, 1186);
        fixture(AnomalyId.SIGNAL_DELIVERY_LATENCY, PIPE_DEFAULT, Severity.INFO, 12019, 471);
        fixture(AnomalyId.ALWAYS_EINTR_INTERRUPTED, PIPE_DEFAULT, Severity.INFO, 12019, 843);
        fixture(AnomalyId.COOP_STARVATION, "corpus/strace/captures/spin/apo/f-tt-T.txt", Severity.WARNING, 12375, 263);
        fixture(AnomalyId.SYSMON_SCHEDULE_VIOLATION, "sysmon-schedule-violation-synthetic.strace.txt",
                Severity.WARNING, 11580, 269);
        fixture(AnomalyId.STW_STRAGGLER, "sample-traces/pipeblock-apo.strace.txt", Severity.WARNING, 6134, 541);
        fixture(AnomalyId.SIGURG_DELIVERED_NO_PREEMPT, "sample-traces/asmspin-default.strace.txt", Severity.WARNING,
                17750, 280);
        // real captures under a claim about the run they contradict (the catalogue's "wrong label" cause)
        fixture(AnomalyId.SIGURG_IN_GO113, SPIN_DEFAULT, Severity.WARNING, 11579, 178, "--go-version", "1.13");
        fixture(AnomalyId.SIGURG_UNDER_ASYNCPREEMPTOFF, SPIN_DEFAULT, Severity.ERROR, 11579, 178, "--asyncpreemptoff", "on");
        // the hung seed (asyncpreemptoff=1) claimed to run with async preemption: a hang nobody sent SIGURG
        fixture(AnomalyId.PREEMPT_LATENCY_EXCEEDED, "sample-traces/verdicts/seed-apo-hang.strace.txt", Severity.WARNING,
                25225, 206, "--asyncpreemptoff", "false");
        // synthetic: no real capture shows these
        fixture(AnomalyId.GC_SUSPEND_SPIN, "gc-suspend-spin-synthetic.strace.txt", Severity.WARNING, 4104, 3);
        fixture(AnomalyId.SIGURG_COALESCED, "sigurg-coalesced-synthetic.strace.txt", Severity.WARNING, 4102, 6);
        fixture(AnomalyId.SIGURG_LOST, "sigurg-lost-synthetic.strace.txt", Severity.WARNING, 4102, 4);
        fixture(AnomalyId.SIGURG_STORM, "sigurg-storm-synthetic.strace.txt", Severity.WARNING, 4102, 405);
        fixture(AnomalyId.EXTERNAL_SIGURG, "external-sigurg-synthetic.strace.txt", Severity.INFO, 4100, 4);
        fixture(AnomalyId.SIGURG_FORWARDED, "sigurg-forwarded-synthetic.strace.txt", Severity.WARNING, 4105, 7);
        fixture(AnomalyId.SIGURG_TO_SYSCALL_THREAD, "sigurg-to-syscall-thread-synthetic.strace.txt", Severity.INFO, 4102, 7);
        fixture(AnomalyId.EINTR_DESPITE_SA_RESTART, "eintr-despite-sa-restart-synthetic.strace.txt", Severity.ERROR, 4102, 3,
                "--go-version", "1.14.2");
        fixture(AnomalyId.EINTR_NOT_RETRIED, "eintr-not-retried-synthetic.strace.txt", Severity.WARNING, 4102, 3);
        fixture(AnomalyId.EPOLL_EINTR_NOT_RETRIED, "epoll-eintr-not-retried-synthetic.strace.txt", Severity.WARNING, 4102, 3);
        fixture(AnomalyId.RESTART_MISMATCH, "restart-mismatch-synthetic.strace.txt", Severity.ERROR, 4102, 8);
        fixture(AnomalyId.HANDLER_FLAGS_VIOLATION, "handler-flags-violation-synthetic.strace.txt", Severity.WARNING, 4103, 3);
        fixture(AnomalyId.RESTART_STORM, "restart-storm-synthetic.strace.txt", Severity.WARNING, 4102, 3);
        fixture(AnomalyId.PREEMPT_LIVELOCK_1_14_0, "preempt-livelock-1.14.0-synthetic.strace.txt", Severity.ERROR, 4102, 22,
                "--go-version", "1.14");
        fixture(AnomalyId.MLOCK_SIGSTACK_FAILURE, "mlock-sigstack-failure-synthetic.strace.txt", Severity.ERROR, 4101, 3,
                "--go-version", "1.14.1");
        fixture(AnomalyId.STW_HANG_PREEMPT_DISABLED, "stw-hang-preempt-disabled-synthetic.strace.txt", Severity.ERROR, 4100, 6,
                "--go-version", "1.14.2");
    }

    /** A new id without a fixture fails here, by name. */
    @ParameterizedTest
    @EnumSource(AnomalyId.class)
    void firesOnItsFixture(AnomalyId id) throws IOException {
        assertThat(FIXTURES).as("fixture for " + id).containsKey(id);
        Fixture f = FIXTURES.get(id);
        Path file = DIR.resolve(f.file());
        assertThat(file).exists();
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "json"));
        args.addAll(f.options());
        args.add(file.toString());
        JsonNode first = null;
        for (JsonNode finding : analyze(args)) {
            if (finding.get("id").asText().equals(id.name())) {
                first = finding;
                break;
            }
        }
        assertThat(first).as(id + " in " + f.file()).isNotNull();
        assertThat(first.get("severity").asText()).isEqualTo(f.severity().name().toLowerCase(java.util.Locale.ROOT));
        assertThat(first.get("tid").asInt()).isEqualTo(f.tid());
        assertThat(first.get("evidence").get(0).get("file").asText()).isEqualTo(file.toString());
        assertThat(first.get("evidence").get(0).get("line").asLong()).isEqualTo(f.line());
        assertThat(first.get("rule").asText()).endsWith("(" + id.modelDoc() + ")");
        assertThat(first.get("ruleDoc").asText()).isEqualTo(id.modelDoc());
        assertThat(first.get("sources")).hasSize(id.sources().size());
    }

    @Test
    void syntheticFixturesSayItInTheirNameAndEveryFixtureIsInTheReadme() throws IOException {
        String readme = Files.readString(DIR.resolve("README.md"));
        for (Fixture f : FIXTURES.values()) {
            assertThat(readme).as(f.file()).contains(f.file().substring(f.file().lastIndexOf('/') + 1));
            boolean copied = f.file().startsWith("corpus/") || f.file().startsWith("sample-traces/");
            assertThat(f.file().contains("synthetic")).as(f.file()).isEqualTo(!copied);
        }
    }

    @Test
    void realFixturesAreUnchangedCopies() throws IOException {
        for (Fixture f : FIXTURES.values()) {
            Path original = f.file().startsWith("corpus/") ? Corpus.root().resolve(f.file().substring("corpus/".length()))
                    : f.file().startsWith("sample-traces/") ? Corpus.samples().resolve(f.file().substring("sample-traces/".length()))
                    : null;
            if (original != null) {
                assertThat(Files.mismatch(original, DIR.resolve(f.file()))).as(f.file()).isEqualTo(-1L);
            }
        }
    }

    /**
     * Clean captures: the go1.19.8 programs of the shared corpus and sample-traces, captured with
     * -f -tt -T (the flag set that shows every syscall with its time), in default mode and with
     * asyncpreemptoff=1.
     */
    static Stream<Path> cleanDefault() {
        return Stream.of(Corpus.strace("captures/spin/default/f-tt-T.txt"), Corpus.strace("captures/pipeblock/default/f-tt-T.txt"),
                Corpus.strace("captures/httpsrv/default/f-tt-T.txt"), Corpus.samples().resolve("spin-default.strace.txt"),
                Corpus.samples().resolve("pipeblock-default.strace.txt"), Corpus.samples().resolve("echo-default.strace.txt"));
    }

    static Stream<Path> cleanApo() {
        return Stream.of(Corpus.strace("captures/spin/apo/f-tt-T.txt"), Corpus.strace("captures/pipeblock/apo/f-tt-T.txt"),
                Corpus.strace("captures/httpsrv/apo/f-tt-T.txt"), Corpus.samples().resolve("spin-apo.strace.txt"),
                Corpus.samples().resolve("pipeblock-apo.strace.txt"), Corpus.samples().resolve("echo-apo.strace.txt"));
    }

    /** With async preemption on, a healthy run breaks no rule: at most the informational counts fire. */
    @ParameterizedTest
    @MethodSource("cleanDefault")
    void aHealthyDefaultRunShowsNoWarningOrError(Path capture) throws IOException {
        assertThat(warningsAndErrors(capture)).isEmpty();
    }

    /**
     * With asyncpreemptoff=1 the model expects a call-free loop to hold its P (COOP_STARVATION)
     * and to keep a stop-the-world waiting until it makes a call (STW_STRAGGLER), and nothing else.
     */
    @ParameterizedTest
    @MethodSource("cleanApo")
    void aHealthyAsyncpreemptoffRunShowsOnlyWhatTheModelExpects(Path capture) throws IOException {
        assertThat(warningsAndErrors(capture)).isSubsetOf(Set.of("COOP_STARVATION", "STW_STRAGGLER"));
    }

    @Test
    void theApoSampleShowsTheStragglerLoopOfItsGarbageCollections() throws IOException {
        List<JsonNode> stw = new ArrayList<>();
        analyze(List.of("analyze", "--format", "json", Corpus.samples().resolve("pipeblock-apo.strace.txt").toString()))
                .forEach(f -> {
                    if (f.get("id").asText().equals("STW_STRAGGLER")) {
                        stw.add(f);
                    }
                });
        // one stop, though the waiter was off the CPU 3.7 ms between two of its timeouts: it made no other syscall
        assertThat(stw).extracting(f -> f.get("message").asText()).containsExactly(
                "thread 6134 waited 515.9 ms (2581 timeouts of 100 µs on futex 0x531088) for the world to stop (or"
                        + " for every P to pass a safe point, which forEachP waits for the same way), more than 1.3 ms"
                        + " with this capture's tracing overhead; no SIGURG was sent to anyone; without async preemption"
                        + " only a function call lets the straggler stop");
    }

    private static List<String> warningsAndErrors(Path capture) throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode f : analyze(List.of("analyze", "--format", "json", capture.toString()))) {
            if (!f.get("severity").asText().equals("info")) {
                ids.add(f.get("id").asText());
            }
        }
        return ids;
    }

    private static JsonNode analyze(List<String> args) throws IOException {
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        return JSON.readTree(r.out()).get("findings");
    }
}
