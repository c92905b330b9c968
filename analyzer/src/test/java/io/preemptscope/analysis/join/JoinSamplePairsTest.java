package io.preemptscope.analysis.join;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.cli.ExitCodes;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The join on real strace + Go trace pairs of one run each, made by capture --gotrace-env
 * (sample-traces/capture-join-pairs.sh): tight loops on GOMAXPROCS 1 and 2, and a program mixing
 * CPU, syscalls and the network.
 */
class JoinSamplePairsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode join(String... inputs) throws Exception {
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "json"));
        args.addAll(List.of(inputs));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        return JSON.readTree(r.out()).get("metrics").get("join");
    }

    private static String pair(String name) {
        return Corpus.samples().resolve("join").resolve(name).toString();
    }

    @ParameterizedTest(name = "{0}: {1} of {1} async preemptions joined")
    @CsvSource({"spin-p1, 23, 1", "spin-p1-run2, 24, 1", "spin-p2, 70, 3", "mixed-p2, 75, 3"})
    void everyAsyncPreemptionIsJoinedToTheSigurgBeforeIt(String name, int async, int ms) throws Exception {
        JsonNode j = join(pair(name));
        assertThat(j.get("asyncPreemptions").asInt()).isEqualTo(async);
        assertThat(j.get("joined").asInt()).isEqualTo(async);
        assertThat(j.get("preemptionsWithoutSignal").asInt()).isZero();
        assertThat(j.get("consistent").asBoolean()).isTrue();
        assertThat(j.get("threadMap")).hasSize(ms);
        // every joined preemption names its delivery in the strace log and its event in the trace
        for (JsonNode p : j.get("preemptions")) {
            assertThat(p.get("delivery").asText()).startsWith(pair(name) + "/strace.txt:");
            assertThat(p.get("preempt").asText()).startsWith(pair(name) + "/go.trace@");
            assertThat(p.get("deliveryToPreemptMs").asDouble()).isBetween(0.0, 1000.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spin-p1", "spin-p1-run2", "spin-p2", "mixed-p2"})
    void theThreadMapAndTheOffsetAreConsistentWithinEachPair(String name) throws Exception {
        JsonNode j = join(pair(name));
        // the two kinds of bound bracket one offset to within a fraction of a millisecond
        assertThat(j.get("clockOffsetUncertaintyNs").asLong()).isBetween(1_000L, 100_000L);
        Set<Integer> tids = new HashSet<>();
        for (JsonNode t : j.get("threadMap")) {
            // timing and the clone order agree on every M, and no thread is given to two Ms
            assertThat(t.get("cloneOrder").asBoolean()).as(t.toString()).isTrue();
            assertThat(t.get("confidence").asDouble()).as(t.toString()).isGreaterThanOrEqualTo(0.8);
            assertThat(tids.add(t.get("tid").asInt())).isTrue();
        }
        // each joined preemption is on the thread its M maps to
        Map<Integer, Integer> joinedPerTid = new HashMap<>();
        for (JsonNode p : j.get("preemptions")) {
            joinedPerTid.merge(p.get("tid").asInt(), 1, Integer::sum);
        }
        assertThat(tids).containsAll(joinedPerTid.keySet());
    }

    @Test
    void theMixedProgramsJoinIsBoundedFromBothSides() throws Exception {
        JsonNode j = join(pair("mixed-p2"));
        assertThat(j.get("clockBasis").asText()).contains("bounded below by 75 SIGURG handlers' returns")
                .contains("traced syscall entries before strace's");
        assertThat(j.get("agreement").asText()).isEqualTo("75 of 75 async preemptions come within 1 ms of a SIGURG"
                + " handler's return on their thread (one run's captures line up nearly all)");
        // tgkill to GoPreempt is tgkill to delivery plus delivery to GoPreempt, preemption by preemption
        for (JsonNode p : j.get("preemptions")) {
            if (!p.get("totalMs").isNull()) {
                assertThat(p.get("totalMs").asDouble()).isCloseTo(
                        p.get("tgkillToDeliveryMs").asDouble() + p.get("deliveryToPreemptMs").asDouble(),
                        org.assertj.core.data.Offset.offset(0.0015));
            }
        }
        assertThat(j.get("signalToPreemptMs").get("count").asInt()).isEqualTo(75);
    }

    @Test
    void signalsThatPreemptedNothingAreToldApartByWhatTheTraceShowsTheThreadRunning() throws Exception {
        // spin-p1 lines 433-456: sysmon's SIGURGs every ~0.3 ms, each handler returning to the same
        // point, until the fifth preempts: a goroutine running, at an unsafe point
        JsonNode spin = join(pair("spin-p1"));
        assertThat(spin.get("signalsWithoutPreemption").asInt()).isEqualTo(5);
        assertThat(spin.get("signalsWithoutPreemptionByState").toString()).isEqualTo("{\"goroutineRunning\":5}");
        JsonNode mixed = join(pair("mixed-p2"));
        assertThat(mixed.get("signalsWithoutPreemptionBySender").toString()).isEqualTo("{\"sysmon\":14}");
        assertThat(mixed.get("signalsWithoutPreemptionByState").toString())
                .isEqualTo("{\"goroutineRunning\":13,\"noGoroutine\":1}");
    }

    @Test
    void withoutAsyncPreemptionTheTracedSyscallsPlaceTheClockAndSayTheyAreTooFewToJudge() throws Exception {
        JsonNode j = join(pair("spin-p2-go1.13"));
        assertThat(j.get("asyncPreemptions").asInt()).isZero();
        assertThat(j.get("consistent").isNull()).isTrue();
        assertThat(j.get("clockOffsetNs").isNull()).isFalse();
        // one or two bounds say on which side the offset lies, not how near
        assertThat(j.get("clockOffsetUncertaintyNs").asLong()).isEqualTo(1_500_000L);
    }

    @Test
    void aLongStraceRunThatTheTraceShowsAsManyTimeSlicesIsNoStarvation() throws Exception {
        // asyncpreemptoff=1, 3 spinners on 2 Ps: each thread runs user code for 800 ms without a
        // syscall, which strace alone calls starvation; the trace shows goroutines taking turns on
        // it, switched by cooperative preemption, each slice within the deadline
        Cli.Result r = Cli.run("analyze", "--format", "json", pair("spin-p2-go1.13"));
        JsonNode root = JSON.readTree(r.out());
        // placed by the one traced write (the trace's header), inside the strace capture's span
        assertThat(root.get("metrics").get("join").get("clockOffsetNs").asLong()).isEqualTo(1796600721283427316L);
        List<String> findings = new ArrayList<>();
        for (JsonNode f : root.get("findings")) {
            findings.add(f.get("id").asText() + " " + f.get("severity").asText() + " tid " + f.get("tid").asInt()
                    + " g " + f.get("goroutine").asText());
            assertThat(f.get("message").asText()).contains("but the Go trace, joined, shows no single time slice");
        }
        assertThat(findings).containsExactly("COOP_STARVATION info tid 12934 g 1", "COOP_STARVATION info tid 12938 g 6");
        assertThat(root.get("findings").get(0).get("message").asText()).endsWith("44 run slices of goroutines 1, 9,"
                + " 8, 7 took turns on this thread (M 0), the longest 26.204 ms, within the 35.956 ms deadline: the"
                + " scheduler switched them without a syscall");
        // strace alone still says what it can
        Cli.Result alone = Cli.run("analyze", "--format", "json", pair("spin-p2-go1.13") + "/strace.txt");
        assertThat(JSON.readTree(alone.out()).get("findings").get(0).get("severity").asText()).isEqualTo("warning");
    }

    @Test
    void theStraceLogOfOneRunAndTheTraceOfAnotherAreRefused() {
        String strace = pair("spin-p1") + "/strace.txt";
        String trace = pair("spin-p1-run2") + "/go.trace";
        Cli.Result r = Cli.run("analyze", strace, trace);
        assertThat(r.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("preemptscope: " + strace + " and " + trace + " are not of one run (no clock"
                + " offset lines the trace up with the strace log): at the best offset, ")
                .contains(" of 24 async preemptions come within 1 ms of a SIGURG handler's return on their thread")
                .endsWith("; pass --same-run to analyse them together anyway\n");
    }

    @Test
    void theMismatchIsFoundTheOtherWayRoundAndAcrossProgramsToo() throws Exception {
        JsonNode a = join("--same-run", pair("spin-p1-run2") + "/strace.txt", pair("spin-p1") + "/go.trace");
        assertThat(a.get("consistent").asBoolean()).isFalse();
        assertThat(a.get("clockOffsetNs").isNull()).isTrue();
        JsonNode b = join("--same-run", pair("mixed-p2") + "/strace.txt", pair("spin-p2") + "/go.trace");
        assertThat(b.get("consistent").asBoolean()).isFalse();
        // a trace of the same program's other run lines up no better than chance
        assertThat(a.get("aligned").asInt()).isLessThan(a.get("asyncPreemptions").asInt() / 2);
    }

    @Test
    void aGoTraceAloneOrAStraceLogAloneHasNoJoin() throws Exception {
        Cli.Result r = Cli.run("analyze", "--format", "json", pair("spin-p1") + "/go.trace");
        assertThat(JSON.readTree(r.out()).get("metrics").get("join").isNull()).isTrue();
        Cli.Result s = Cli.run("analyze", "--format", "json", pair("spin-p1") + "/strace.txt");
        assertThat(JSON.readTree(s.out()).get("metrics").get("join").isNull()).isTrue();
    }
}
