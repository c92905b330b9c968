package io.preemptscope.analysis.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.preemptscope.analysis.input.CaptureInput.Kind;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.testing.Corpus;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run assembled from what the user named, and the inputs it refuses. */
class CaptureSetTest {
    private static final Path GO113 = Corpus.samples().resolve("bundles/spin-go1.13");
    private static final Path TRACE = Corpus.root().resolve("gotrace/captures/strace_blocking_read_default.trace");
    private static final Path STRACE = Corpus.root().resolve("gotrace/captures/strace_blocking_read_default.strace.txt");

    @TempDir
    Path tmp;

    private static CaptureSet open(Path... inputs) throws BadInputException {
        return CaptureSet.open(List.of(inputs), InputStream.nullInputStream(), p -> { });
    }

    @Test
    void aBundleStandsForItsStraceLogAndTellsWhatItRecorded() throws Exception {
        try (CaptureSet captures = open(GO113)) {
            assertThat(captures.inputs()).containsExactly(new CaptureInput(GO113 + "/strace.txt", Kind.STRACE));
            assertThat(captures.recorded()).hasValueSatisfying(run -> {
                assertThat(run.bundle()).isEqualTo(GO113);
                assertThat(run.goVersion()).isEqualTo("go1.19.8");
                assertThat(run.asyncpreemptoff()).isTrue();
            });
            assertThat(captures.traces()).isEmpty();
            assertThat(captures.strace()).isPresent();
        }
    }

    @Test
    void stracesComeFirstAndTracesAreToldApartByContent() throws Exception {
        try (CaptureSet captures = open(TRACE, STRACE)) {
            assertThat(captures.inputs()).containsExactly(
                    new CaptureInput(STRACE.toString(), Kind.STRACE), new CaptureInput(TRACE.toString(), Kind.GO_TRACE));
            assertThat(captures.traces()).singleElement()
                    .satisfies(t -> assertThat(t.name()).isEqualTo(TRACE.toString()));
            assertThat(captures.recorded()).isEmpty();
        }
    }

    @Test
    void theStraceEventsStreamFromTheFirstOnce() throws Exception {
        List<StraceEvent> once = new ArrayList<>();
        try (CaptureSet captures = open(STRACE)) {
            StraceStream events = captures.strace().orElseThrow();
            for (StraceEvent e = events.next(); e != null; e = events.next()) {
                once.add(e);
            }
            assertThat(events.next()).isNull();
            assertThat(events.bytesRead()).isEqualTo(Files.size(STRACE));
            captures.requireStraceOutput();
        }
        assertThat(once).isNotEmpty();
        assertThat(once.get(0).source().line()).isEqualTo(1);
    }

    @Test
    void aTraceOnlyRunHasNoStraceAndNoBuildInfo() throws Exception {
        try (CaptureSet captures = open(TRACE)) {
            assertThat(captures.strace()).isEmpty();
            assertThat(captures.buildInfo()).isEmpty();
            captures.requireStraceOutput();
        }
    }

    @Test
    void theExecutableNamedByExecveIsReadOnlyWhenItIsHere() throws Exception {
        Path log = tmp.resolve("exec.txt");
        Files.writeString(log, "100 execve(\"" + tmp.resolve("gone") + "\", [\"gone\"], 0x7ffd /* 3 vars */) = 0\n"
                + "100 exit_group(0) = ?\n100 +++ exited with 0 +++\n");
        try (CaptureSet captures = open(log)) {
            assertThat(captures.buildInfo()).isEmpty();
        }
        // a file that is here but no Go program: read, and found to have no Go build info
        Files.writeString(log, "100 execve(\"" + log + "\", [\"x\"], 0x7ffd /* 3 vars */) = 0\n");
        try (CaptureSet captures = open(log)) {
            assertThat(captures.buildInfo()).isEmpty();
        }
    }

    @Test
    void badInputIsRefusedWithMessagesNamingIt() throws Exception {
        Path missing = tmp.resolve("missing.txt");
        assertThatThrownBy(() -> open(missing)).isInstanceOf(BadInputException.class)
                .hasMessage(missing + ": no such file, directory or -ff prefix");

        Path empty = Files.createFile(tmp.resolve("hung.trace"));
        assertThatThrownBy(() -> open(STRACE, empty)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(empty + ": ");

        Path cut = tmp.resolve("cut.trace");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(TRACE), 200));
        assertThatThrownBy(() -> open(cut)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(cut + ": ");

        Path prose = tmp.resolve("prose.txt");
        Files.writeString(prose, "this is not strace output\nnor is this\n");
        try (CaptureSet captures = open(prose)) {
            StraceStream events = captures.strace().orElseThrow();
            while (events.next() != null) {
                // read to the end: the counts are known then
            }
            assertThatThrownBy(captures::requireStraceOutput).isInstanceOf(BadInputException.class)
                    .hasMessage("no strace output found in the input");
        }
    }
}
