package io.preemptscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verdicts on Debian-packaged Go programs doing real work, default and asyncpreemptoff=1
 * (sample-traces/verdicts/README.md): each warning's evidence lines were read, and these are the
 * findings that evidence supports.
 */
class DebianProgramVerdictsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode analyze(String capture) throws IOException {
        Cli.Result r = Cli.run("analyze", "--format", "json",
                Corpus.samples().resolve("verdicts").resolve(capture).toString());
        assertThat(r.status()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    static Stream<Arguments> captures() {
        return Stream.of(
                Arguments.of("caddy-default.strace.txt.gz", 52, 30, "on", "{}"),
                Arguments.of("caddy-apo.strace.txt.gz", 0, 0, "unknown", "{}"),
                Arguments.of("gojq-default.strace.txt", 1142, 151, "on",
                        "{\"GC_SUSPEND_SPIN\":4,\"SIGURG_DELIVERED_NO_PREEMPT\":3,\"SIGURG_STORM\":3}"),
                Arguments.of("gojq-apo.strace.txt", 0, 0, "off", "{\"COOP_STARVATION\":1,\"STW_STRAGGLER\":1}"),
                Arguments.of("age-default.strace.txt.gz", 111, 111, "on", "{}"),
                Arguments.of("age-apo.strace.txt.gz", 0, 0, "unknown", "{}"),
                Arguments.of("fzf-default.strace.txt.gz", 56, 45, "on", "{}"),
                Arguments.of("fzf-apo.strace.txt.gz", 0, 0, "unknown", "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void warningsAndErrorsAreExactlyThoseTheEvidenceSupports(String capture, long sent, long sentBySysmon,
            String asyncPreemption, String warnings) throws IOException {
        JsonNode result = analyze(capture);

        assertThat(result.get("metrics").get("sigurgSent").asLong()).isEqualTo(sent);
        assertThat(result.get("metrics").get("sigurgSentBySysmon").asLong()).isEqualTo(sentBySysmon);
        assertThat(result.get("asyncPreemption").asText()).isEqualTo(asyncPreemption);
        assertThat(JSON.writeValueAsString(warningsAndErrors(result))).isEqualTo(warnings);
    }

    @Test
    void aBusyGoroutineBetweenSyscallsUnderLoadIsNoLatencyWarning() throws IOException {
        // caddy under hey: 136 ms in user space after writing a response, while hey shares the 2 cores
        JsonNode result = analyze("caddy-default.strace.txt.gz");

        List<JsonNode> late = findings(result, "PREEMPT_LATENCY_EXCEEDED");
        assertThat(late).extracting(f -> f.get("severity").asText()).containsOnly("info");
        assertThat(late).extracting(f -> f.get("tid").asInt()).containsExactly(4374, 4273, 4393);
        assertThat(late.get(2).get("message").asText()).startsWith("thread 4393 ran 136.2 ms of user code, past the"
                + " 30.8 ms deadline, and no SIGURG was sent to it; sysmon sends none while goroutines switch or the"
                + " thread is off the CPU");
    }

    @Test
    void busyMatchersUnderAsyncpreemptoffAreNoStarvationWarning() throws IOException {
        // fzf and gojq call functions all the time: 127-181 ms between syscalls is their normal work
        assertThat(findings(analyze("fzf-apo.strace.txt.gz"), "COOP_STARVATION"))
                .extracting(f -> f.get("severity").asText()).containsOnly("info").hasSize(3);
        assertThat(findings(analyze("gojq-apo.strace.txt"), "COOP_STARVATION"))
                .filteredOn(f -> f.get("severity").asText().equals("info")).hasSize(24);
    }

    @Test
    void theGoroutineThatHeldUpTheGarbageCollectorsStopIsStarvation() throws IOException {
        // thread 21022's run ends with futex(0x7ac150, FUTEX_WAKE): it stopped last, waking the waiter
        JsonNode result = analyze("gojq-apo.strace.txt");

        JsonNode starved = findings(result, "COOP_STARVATION").stream()
                .filter(f -> f.get("severity").asText().equals("warning")).findFirst().orElseThrow();
        assertThat(starved.get("message").asText()).isEqualTo("thread 21022 ran 73.4 ms of user code without a"
                + " syscall while thread 21026 waited 73.5 ms for the world to stop or a safe point: its goroutine kept"
                + " its P past the stop request, and with asyncpreemptoff=1 only a function call lets it stop");
        assertThat(starved.get("evidence")).extracting(e -> e.get("line").asLong()).containsExactly(901L, 902L);
        assertThat(findings(result, "STW_STRAGGLER")).singleElement()
                .satisfies(f -> assertThat(f.get("message").asText()).startsWith("thread 21026 waited 73.5 ms (300"
                        + " timeouts of 100 µs on futex 0x7ac150) for the world to stop (or for every P to pass a safe"
                        + " point, which forEachP waits for the same way)"));
    }

    @Test
    void netpollsTimedWaitsThatReturnEintrAreNotRetriesTheRuntimeOwes() throws IOException {
        // lines 571 and 675: epoll_pwait(..., 128, 9 | 8, ...) = -1 EINTR; netpoll recomputes the delay instead
        JsonNode result = analyze("fzf-default.strace.txt.gz");

        assertThat(result.get("metrics").get("eintr").toString()).isEqualTo("{\"epoll_pwait\":2}");
        assertThat(result.get("findingCounts").has("EPOLL_EINTR_NOT_RETRIED")).isFalse();
        assertThat(result.get("findingCounts").has("EINTR_NOT_RETRIED")).isFalse();
    }

    @Test
    void caddysLongStopsWereTheTracerNotAGoroutineThatCouldNotBeStopped() throws IOException {
        // line 1188 on: SIGURG to 4270 at .359682 is delivered at .369280; 4270 wakes the stop at once.
        // line 1636 on: the stop waits for a new thread (4374) whose gettid alone takes 5.2 ms under strace
        assertThat(findings(analyze("caddy-default.strace.txt.gz"), "STW_STRAGGLER"))
                .extracting(f -> f.get("severity").asText() + ": " + f.get("message").asText()).containsExactly(
                        "info: thread 4287 waited 12.0 ms (48 timeouts of 100 µs on futex 0x27198d0) for the world to"
                                + " stop (or for every P to pass a safe point, which forEachP waits for the same way),"
                                + " but the SIGURG it sent took 9.6 ms to reach thread 4270, and the stop ended"
                                + " 300 µs after it arrived: the straggler was preempted at once, and the wait was"
                                + " signal delivery (the tracer holds each signal, and the target may be off the CPU)",
                        "info: thread 4273 waited 9.6 ms (8 timeouts of 100 µs on futex 0x27198d0) for the world to"
                                + " stop (or for every P to pass a safe point, which forEachP waits for the same way),"
                                + " but no SIGURG was sent: the stop loop signals every P running a goroutine, so"
                                + " none was; it waited for Ps changing hands (threads in the runtime or in syscalls,"
                                + " which tracing slows), not for a goroutine that could not be stopped");
        assertThat(findings(analyze("caddy-apo.strace.txt.gz"), "STW_STRAGGLER")).singleElement()
                .satisfies(f -> assertThat(f.get("message").asText()).endsWith("but its 1 sleep of 100 µs took 4.7 ms:"
                        + " the waiter itself was off the CPU for most of the wait, which shows no goroutine holding a"
                        + " P that long"));
    }

    private static List<JsonNode> findings(JsonNode result, String id) {
        List<JsonNode> out = new ArrayList<>();
        result.get("findings").forEach(f -> {
            if (f.get("id").asText().equals(id)) {
                out.add(f);
            }
        });
        return out;
    }

    private static java.util.Map<String, Integer> warningsAndErrors(JsonNode result) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        result.get("findings").forEach(f -> {
            if (!f.get("severity").asText().equals("info")) {
                counts.merge(f.get("id").asText(), 1, Integer::sum);
            }
        });
        return counts;
    }
}
