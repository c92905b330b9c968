package io.preemptscope.strace;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.testing.Corpus;
import io.preemptscope.testing.StraceRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real capture reads completely; the public excerpts' damaged lines are pinned one by one. */
class CorpusParsesCompletelyTest {

    static Stream<Path> generatedCaptures() {
        List<Path> all = new ArrayList<>();
        for (Path p : Corpus.straceFiles()) {
            if (p.toString().contains("/captures/")) {
                all.add(p);
            }
        }
        all.addAll(Corpus.sampleStraceFiles());
        return all.stream();
    }

    static Stream<Path> cleanPublicExcerpts() {
        return Corpus.straceFiles().stream()
                .filter(p -> p.toString().contains("/public/"))
                .filter(p -> !p.getFileName().toString().startsWith("gfxreconstruct-1616")
                        && !p.getFileName().toString().startsWith("go-librespot-280")
                        && !p.getFileName().toString().startsWith("golang-go-12132")
                        && !p.getFileName().toString().startsWith("juju-mutex-11"));
    }

    @Test
    void theCorpusIsThere() {
        assertThat(generatedCaptures()).hasSizeGreaterThanOrEqualTo(94 + 6);
        assertThat(Corpus.straceFiles().stream().filter(p -> p.toString().contains("/public/"))).hasSize(25);
    }

    @ParameterizedTest
    @MethodSource("generatedCaptures")
    void everyGeneratedCaptureParsesWithoutALineLost(Path capture) {
        StraceRun run = StraceRun.of(capture);
        // strace killed by SIGKILL mid-line: the one capture made to end inside a call
        boolean cutOnPurpose = capture.getFileName().toString().contains("strace-killed");
        assertThat(run.problems.stream().filter(p -> !(cutOnPurpose && p.warning())).toList())
                .as(capture.toString()).isEmpty();
        assertThat(run.stats.unparsed()).isZero();
        assertThat(run.stats.lines()).isPositive();
        assertThat(run.stats.events()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("cleanPublicExcerpts")
    void publicExcerptsWithoutDamageParseCompletely(Path excerpt) {
        StraceRun run = StraceRun.of(excerpt);
        assertThat(run.problems).as(excerpt.toString()).isEmpty();
    }

    @Test
    void reporterInsertedProseIsReportedNotGuessed() {
        // the reporter wrote "<more syscalls inside the signal handler>" between real lines
        StraceRun run = StraceRun.of(Corpus.strace("public/gfxreconstruct-1616-nonGo-tgkill-rt-signal-futex-erestartsys.txt"));
        assertThat(run.problems).extracting(ReadProblem::line).containsExactly(5L);
        assertThat(run.problems.get(0).text()).isEqualTo("  <more syscalls inside the signal handler>");
        assertThat(run.stats.unparsed()).isEqualTo(1);
    }

    @Test
    void terminalScrollMarkerGluedToTheFirstLineIsReported() {
        // copied out of tmux: the first line ends in the pane's "[55/432]" position marker
        StraceRun run = StraceRun.of(Corpus.strace("public/go-librespot-280-futex-busy-loop-terminal-padding.txt"));
        assertThat(run.problems).extracting(ReadProblem::line).containsExactly(1L);
        assertThat(run.problems.get(0).text()).endsWith("[55/432]");
        assertThat(run.problems.get(0).message()).startsWith("column 230:");
    }

    @Test
    void blankLinesFromAPasteAreReported() {
        StraceRun run = StraceRun.of(Corpus.strace("public/golang-go-12132-old-strace-vars-futex-eagain.txt"));
        assertThat(run.problems).extracting(ReadProblem::line).containsExactly(5L, 9L);
        assertThat(run.problems).extracting(ReadProblem::message)
                .containsOnly("blank line, expected a strace record");
    }

    @Test
    void aCaptureEndingInsideACallIsAWarningAndAnIncompleteCall() {
        // strace -p was still blocked in the futex when the reporter copied the output
        StraceRun run = StraceRun.of(Corpus.strace("public/juju-mutex-11-strace-p-incomplete-line.txt"));
        assertThat(run.problems).hasSize(1);
        assertThat(run.problems.get(0).warning()).isTrue();
        assertThat(run.problems.get(0).line()).isEqualTo(2);
        assertThat(run.problems.get(0).message()).isEqualTo("capture ends inside this call");
        assertThat(run.stats.unparsed()).isZero();
        assertThat(run.stats.incomplete()).isEqualTo(1);
    }
}
