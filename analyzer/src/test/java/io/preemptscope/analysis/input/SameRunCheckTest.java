package io.preemptscope.analysis.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.preemptscope.testing.Corpus;
import java.io.InputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Inputs of one run pass the check untouched; inputs of different runs are refused with the evidence. */
class SameRunCheckTest {
    private static final Path SPIN = Corpus.samples().resolve("spin-default.strace.txt");
    private static final Path SPIN_APO = Corpus.samples().resolve("spin-apo.strace.txt");
    private static final Path TRACESPIN = Corpus.samples().resolve("tracespin-default.trace");
    private static final Path PAIR_STRACE = Corpus.root().resolve("gotrace/captures/strace_blocking_read_default.strace.txt");
    private static final Path PAIR_TRACE = Corpus.root().resolve("gotrace/captures/strace_blocking_read_default.trace");

    @TempDir
    Path tmp;

    /** Opens the inputs and reads every strace event, as analyze does. */
    private static void analyse(SameRun policy, Path... inputs) throws BadInputException {
        try (CaptureSet captures = CaptureSet.open(List.of(inputs), InputStream.nullInputStream(), p -> { }, policy)) {
            if (captures.strace().isPresent()) {
                StraceStream events = captures.strace().get();
                while (events.next() != null) {
                    // the last next() ends the stream, and what only the whole of it tells is judged
                }
            }
        }
    }

    private static void accepted(Path... inputs) throws BadInputException {
        List<String> warnings = new ArrayList<>();
        analyse(SameRun.asserted(warnings::add), inputs);
        assertThat(warnings).as("warnings for %s", List.of(inputs)).isEmpty();
        analyse(SameRun.CHECKED, inputs);
    }

    static Stream<Path> ffDirectories() {
        try (Stream<Path> dirs = Files.list(Corpus.strace("captures"))) {
            return dirs.filter(Files::isDirectory).flatMap(SameRunCheckTest::children)
                    .map(mode -> mode.resolve("ff")).filter(Files::isDirectory).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> children(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("ffDirectories")
    void theFfFilesOfOneProcessTreeAreOneRunHoweverTheyAreNamed(Path ff) throws Exception {
        assertThat(ffDirectories()).hasSize(6);
        accepted(ff);
        accepted(ff.resolve("trace"));
        try (Stream<Path> files = Files.list(ff)) {
            List<Path> each = files.sorted().toList();
            assertThat(each).hasSizeGreaterThan(1);
            accepted(each.toArray(Path[]::new));
            accepted(ff, each.get(each.size() - 1));
        }
    }

    @Test
    void theFfFilesOfTwoRunsInOneDirectoryAreTwoRuns() throws Exception {
        // real -ff files of two runs, unedited, put side by side
        Path dir = Files.createDirectory(tmp.resolve("two-runs-synthetic"));
        for (String mode : List.of("default", "apo")) {
            try (Stream<Path> files = Files.list(Corpus.strace("captures/spin/" + mode + "/ff"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
        String first = dir.resolve("trace.11626") + " (+4 -ff files)";
        String second = dir.resolve("trace.12493") + " (+4 -ff files)";
        assertThatThrownBy(() -> analyse(SameRun.CHECKED, dir)).isInstanceOf(BadInputException.class)
                .hasMessage(first + " and " + second + " are not of one run (their times do not overlap and each"
                        + " starts a process of its own): " + first + " runs 12:01:07.955087-12:01:08.703746 (pid 11626,"
                        + " /tmp/strace-bin/bin-spin), " + second + " runs 12:01:32.045557-12:01:32.737190 (pid 12493,"
                        + " /tmp/strace-bin/bin-spin); pass --same-run to analyse them together anyway");
        List<String> warnings = new ArrayList<>();
        analyse(SameRun.asserted(warnings::add), dir.resolve("trace"));
        assertThat(warnings).singleElement().asString().startsWith(first + " and " + second + " may not be of one run");
    }

    static Stream<Path> bundles() {
        return children(Corpus.samples().resolve("bundles")).sorted();
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void aBundleIsOneRunWithItsOwnLogAndWithItself(Path bundle) throws Exception {
        accepted(bundle);
        accepted(bundle, bundle.resolve("strace.txt"));
        accepted(bundle, bundle);
    }

    @Test
    void theStraceLogAndGoTraceOfOneRunAreOneRun() throws Exception {
        accepted(PAIR_STRACE, PAIR_TRACE);
        accepted(PAIR_TRACE, PAIR_STRACE);
        accepted(PAIR_STRACE, PAIR_STRACE);
    }

    @Test
    void aTraceOfAnotherRunIsRefusedAtTheEndOfTheStraceEvents() throws Exception {
        try (CaptureSet captures = CaptureSet.open(List.of(SPIN, TRACESPIN), InputStream.nullInputStream(), p -> { }, SameRun.CHECKED)) {
            StraceStream events = captures.strace().orElseThrow();
            assertThatThrownBy(() -> {
                while (events.next() != null) {
                    // the refusal comes with the end
                }
            }).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("(the strace log shows its program's writes and no Go trace among them)");
        }
    }

    @Test
    void backToBackRunsOfOneProgramAreTwoProcesses() {
        assertThatThrownBy(() -> analyse(SameRun.CHECKED, SPIN, SPIN_APO)).isInstanceOf(BadInputException.class)
                .hasMessage(SPIN + " and " + SPIN_APO + " are not of one run (each starts a process of its own): "
                        + SPIN + " runs 13:01:40.409344-13:01:41.388737 (pid 6092, /tmp/preemptscope-bin/bin-spin), "
                        + SPIN_APO + " runs 13:01:41.396176-13:01:42.361917 (pid 6106, /tmp/preemptscope-bin/bin-spin);"
                        + " pass --same-run to analyse them together anyway");
    }

    @Test
    void aCompressedLogIsJudgedByItsFirstEventAndByTheWholeStream() throws Exception {
        Path gz = tmp.resolve("spin-default.strace.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(SPIN, out);
        }
        // its end is not read ahead: the log is dated by its first event only
        assertThatThrownBy(() -> analyse(SameRun.CHECKED, gz, Corpus.samples().resolve("pipeblock-default.strace.txt")))
                .hasMessageContaining("(each starts a process of its own): " + gz
                        + " starts at 13:01:40.409344 (pid 6092, /tmp/preemptscope-bin/bin-spin), ");
        assertThatThrownBy(() -> analyse(SameRun.CHECKED, gz, TRACESPIN))
                .hasMessageContaining(gz + " runs 13:01:40.409344-13:01:41.388737 (pid 6092,");
        Path pairGz = tmp.resolve("strace_blocking_read_default.strace.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(pairGz))) {
            Files.copy(PAIR_STRACE, out);
        }
        Path gotest = Corpus.samples().resolve("gotest-apo.trace");
        assertThatThrownBy(() -> analyse(SameRun.CHECKED, gotest, pairGz))
                .hasMessage(gotest + " and " + pairGz + " are not of one run (the Go trace ran longer than the whole"
                        + " traced process): " + gotest + " holds a Go trace of 0.511 s, " + pairGz
                        + " runs 12:06:36.387240-12:06:36.467232 (pid 22015, /tmp/gobin/blocking_read), 0.080 s from"
                        + " its execve to its exit; pass --same-run to analyse them together anyway");
        accepted(PAIR_TRACE, pairGz);
    }

    @Test
    void logsWithoutEvidenceAreTakenAsOneRun() throws Exception {
        // two pieces of one log cut apart: neither starts a process, their times meet
        List<String> lines = Files.readAllLines(SPIN);
        Path first = tmp.resolve("spin-head-synthetic.strace.txt");
        Path second = tmp.resolve("spin-tail-synthetic.strace.txt");
        Files.write(first, lines.subList(0, 300));
        Files.write(second, lines.subList(300, lines.size()));
        accepted(first, second);
        // relative timestamps and no execve: nothing dates or tells the processes apart
        Path a = tmp.resolve("a-synthetic.strace.txt");
        Path b = tmp.resolve("b-synthetic.strace.txt");
        Files.writeString(a, "100 0.000010 getpid() = 100\n100 0.000020 exit_group(0) = ?\n100 +++ exited with 0 +++\n");
        Files.writeString(b, "200 0.000010 getpid() = 200\n200 0.000020 exit_group(0) = ?\n200 +++ exited with 0 +++\n");
        accepted(a, b);
    }

    @Test
    void timesOfDayAcrossMidnightStillOverlap() throws Exception {
        Path before = tmp.resolve("midnight-a-synthetic.strace.txt");
        Path after = tmp.resolve("midnight-b-synthetic.strace.txt");
        Files.writeString(before, "100 23:59:59.500000 getpid() = 100\n100 00:00:00.600000 getpid() = 100\n");
        Files.writeString(after, "101 00:00:00.100000 gettid() = 101\n101 00:00:00.200000 gettid() = 101\n");
        accepted(before, after);
        accepted(after, before);
        Path later = tmp.resolve("midnight-c-synthetic.strace.txt");
        Files.writeString(later, "102 00:00:05.100000 gettid() = 102\n102 00:00:05.200000 gettid() = 102\n");
        assertThatThrownBy(() -> analyse(SameRun.CHECKED, before, later))
                .hasMessage(before + " and " + later + " are not of one run (their times do not overlap): " + before
                        + " runs 23:59:59.500000-00:00:00.600000 (pid 100), " + later
                        + " runs 00:00:05.100000-00:00:05.200000 (pid 102); pass --same-run to analyse them together anyway");
    }
}
