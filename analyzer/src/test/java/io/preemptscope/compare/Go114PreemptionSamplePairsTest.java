package io.preemptscope.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * go1.14-preemption on every asyncpreemptoff → default pair of real captures in sample-traces:
 * strace logs, capture bundles and Go traces. Each passes in that direction and fails in reverse;
 * asmspin cannot pass, and exactly the two checks that say why fail.
 */
class Go114PreemptionSamplePairsTest {
    private static final List<String> ALL = List.of("baseline-no-sigurg", "baseline-starved",
            "candidate-async-preemptions", "candidate-latency-in-band", "candidate-no-starvation",
            "candidate-sigurg-delivered", "candidate-sigurg-sent");

    /** Every asyncpreemptoff → default pair of one program in sample-traces/, strace and Go trace. */
    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("spin-apo.strace.txt", "spin-default.strace.txt"),
                Arguments.of("pipeblock-apo.strace.txt", "pipeblock-default.strace.txt"),
                Arguments.of("echo-apo.strace.txt", "echo-default.strace.txt"),
                Arguments.of("bundles/spin-go1.13", "bundles/spin-native"),
                Arguments.of("bundles/pipeblock-go1.13", "bundles/pipeblock-native"),
                Arguments.of("bundles/echo-go1.13", "bundles/echo-native"),
                Arguments.of("tracespin-apo.trace", "tracespin-default.trace"),
                Arguments.of("gotest-apo.trace", "gotest-default.trace"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("pairs")
    void asyncpreemptoffThenDefaultPassesEveryCheck(String baseline, String candidate) {
        ComparisonJson.Outcome o = ComparisonJson.compare("go1.14-preemption", baseline, candidate);
        assertThat(o.withVerdict("pass")).containsExactlyElementsOf(ALL);
        assertThat(o.status()).isZero();
        assertThat(o.json().get("result").asText()).isEqualTo("pass");
    }

    @ParameterizedTest(name = "{1} → {0}")
    @MethodSource("pairs")
    void defaultThenAsyncpreemptoffFailsBothSidesChecks(String apo, String dflt) {
        ComparisonJson.Outcome o = ComparisonJson.compare("go1.14-preemption", dflt, apo);
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.withVerdict("fail")).containsExactly("baseline-no-sigurg", "baseline-starved",
                "candidate-async-preemptions", "candidate-no-starvation", "candidate-sigurg-delivered",
                "candidate-sigurg-sent");
        assertThat(o.withVerdict("inconclusive")).containsExactly("candidate-latency-in-band");
    }

    @org.junit.jupiter.api.Test
    void asmspinsAssemblyLoopGetsSigurgButCannotBeAsyncPreempted() {
        ComparisonJson.Outcome o = ComparisonJson.compare("go1.14-preemption", "asmspin-apo.strace.txt",
                "asmspin-default.strace.txt");
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.withVerdict("fail")).containsExactly("candidate-async-preemptions", "candidate-no-starvation");
        assertThat(o.check("candidate-sigurg-sent").get("candidate").asText()).isEqualTo("102 sent");
        assertThat(o.check("candidate-sigurg-delivered").get("candidate").asText()).isEqualTo("102 delivered");
        assertThat(o.check("candidate-async-preemptions").get("sentence").asText())
                .contains("SIGURG_DELIVERED_NO_PREEMPT", "an assembly function without safe points");
        assertThat(o.check("candidate-no-starvation").get("candidate").asText())
                .isEqualTo("SIGURG_DELIVERED_NO_PREEMPT ×1");
    }

    @org.junit.jupiter.api.Test
    void spinPairShowsTheNumbersOfEachSide() {
        ComparisonJson.Outcome o = ComparisonJson.compare("go1.14-preemption", "spin-apo.strace.txt",
                "spin-default.strace.txt");
        assertThat(o.check("baseline-no-sigurg").get("baseline").asText()).isEqualTo("0 sent");
        assertThat(o.check("baseline-starved").get("baseline").asText()).isEqualTo("longest run 959.675 ms");
        assertThat(o.check("candidate-sigurg-sent").get("candidate").asText()).isEqualTo("47 sent");
        assertThat(o.check("candidate-latency-in-band").get("candidate").asText()).isEqualTo("p50 20.398 ms");
        assertThat(o.check("candidate-no-starvation").get("candidate").asText()).isEqualTo("longest run 30.539 ms");
        assertThat(o.json().get("baseline").get("asyncPreemption").asText()).isEqualTo("off");
        assertThat(o.json().get("candidate").get("asyncPreemption").asText()).isEqualTo("on");
        // without the traced binary, the version is what the capture shows; where someone ran the sample
        // scripts here, analyze rightly reads the binary's build info instead
        String version = java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/preemptscope-bin/bin-spin"))
                ? "go1.19.8" : "go1.14+";
        assertThat(o.json().get("candidate").get("goVersion").asText()).isEqualTo(version);
    }
}
