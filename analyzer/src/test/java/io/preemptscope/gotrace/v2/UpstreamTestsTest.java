package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTraceFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Go's own v2 test traces: the expectation in each file is the oracle. SUCCESS must decode; FAILURE
 * must fail with a message that Go's regexp matches (unanchored, as Go's test uses MatchString).
 */
class UpstreamTestsTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    static Stream<Path> tests() {
        return V2Corpus.list(V2Corpus.tests(), ".test").stream();
    }

    static Stream<Path> binaries() {
        return V2Corpus.list(V2Corpus.encoded(), ".trace").stream();
    }

    @Test
    void twentyTwoTestsTwoOfThemFailures() throws Exception {
        long failures = 0;
        for (Path p : tests().toList()) {
            if (!TextReader.read(Files.readString(p)).expectation().success()) {
                failures++;
            }
        }
        assertThat(tests()).hasSize(22);
        assertThat(failures).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("tests")
    void textTestMeetsItsExpectation(Path test) throws Exception {
        Expectation expect = TextReader.read(Files.readString(test)).expectation();
        byte[] bytes = Files.readAllBytes(test);
        assertTimeoutPreemptively(HANG_GUARD, () -> meets(expect, bytes));
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void encodedBinaryMeetsTheExpectationOfItsText(Path binary) throws Exception {
        Expectation expect = TextReader.read(Files.readString(V2Corpus.textOriginal(binary))).expectation();
        byte[] bytes = Files.readAllBytes(binary);
        assertTimeoutPreemptively(HANG_GUARD, () -> meets(expect == null ? Expectation.SUCCESS : expect, bytes));
    }

    /** The acceptance check: binary and text original decode to the same events, event by event. */
    @ParameterizedTest
    @MethodSource("binaries")
    void encodedBinaryDecodesToTheEventsOfItsText(Path binary) throws Exception {
        Path text = V2Corpus.textOriginal(binary);
        Expectation expect = TextReader.read(Files.readString(text)).expectation();
        if (expect != null && !expect.success()) {
            return; // covered above: both fail with the same message
        }
        GoTrace b = V2Decoding.decode(binary);
        GoTrace t = V2Decoding.decode(text);
        assertThat(b.format()).isEqualTo("gotrace-v2");
        assertThat(t.format()).isEqualTo("gotrace-v2-text");
        assertThat(b.version()).isEqualTo(t.version());
        assertThat(b.events()).hasSameSizeAs(t.events());
        for (int i = 0; i < t.events().size(); i++) {
            GoEvent x = b.events().get(i);
            GoEvent y = t.events().get(i);
            assertThat(withoutOffset(x)).as("event %d", i).isEqualTo(withoutOffset(y));
            assertThat(x.thread()).isEqualTo(y.thread());
            assertThat(x.generation()).isEqualTo(y.generation());
        }
    }

    private static GoEvent withoutOffset(GoEvent e) {
        return new GoEvent(e.kind(), e.name(), e.tsNs(), e.p(), e.g(), e.m(), e.thread(), 0, e.args(), e.stringArgs(),
                e.stackId(), e.stack(), e.reason(), e.targetG(), e.targetP(), e.targetThread(), e.generation());
    }

    private static void meets(Expectation expect, byte[] bytes) {
        if (expect.success()) {
            assertThatCode(() -> V2Decoding.decode(bytes)).doesNotThrowAnyException();
            return;
        }
        GoTraceFormatException e = catchThrowableOfType(GoTraceFormatException.class, () -> V2Decoding.decode(bytes));
        assertThat(e).as("expected FAILURE %s", expect.failureRegex()).isNotNull();
        assertThat(Pattern.compile(expect.failureRegex()).matcher(e.getMessage()).find())
                .as("message %s matches %s", e.getMessage(), expect.failureRegex()).isTrue();
    }

    @Test
    void failureMessagesNameWhereAndWhat() throws Exception {
        Path bin = V2Corpus.encoded().resolve("go122-create-syscall-with-p.trace");
        GoTraceFormatException e = catchThrowableOfType(GoTraceFormatException.class, () -> V2Decoding.decode(bin));
        assertThat(e.getMessage()).isEqualTo("offset 47: expected a proc but didn't have one"
                + " (GoSyscallEnd on thread 0, generation 1)");
        assertThat(e.offset()).isEqualTo(47);
        Path text = V2Corpus.tests().resolve("go122-create-syscall-with-p.test");
        assertThat(catchThrowableOfType(GoTraceFormatException.class, () -> V2Decoding.decode(text)))
                .hasMessage("line 14: expected a proc but didn't have one (GoSyscallEnd on thread 0, generation 1)");
    }

    @Test
    void generationOneIsValidatedBeforeTheTruncatedGenerationTwo() throws Exception {
        Path bin = V2Corpus.encoded().resolve("go122-fail-first-gen-first.trace");
        assertThat(catchThrowableOfType(GoTraceFormatException.class, () -> V2Decoding.decode(bin)))
                .hasMessageContaining("expected a proc but didn't have one");
    }

    static List<Path> seeds() {
        return V2Corpus.list(V2Corpus.fuzzSeeds(), "");
    }
}
