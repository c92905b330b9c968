package io.preemptscope.cli;

import io.preemptscope.output.Plural;
import io.preemptscope.strace.ProblemSink;
import io.preemptscope.strace.ReadProblem;
import io.preemptscope.strace.RecordCounts;
import io.preemptscope.strace.StraceInputException;
import io.preemptscope.strace.StraceReader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lenient mode reports and counts; strict mode stops at the first problem. */
final class ProblemReporter implements ProblemSink {
    private final PrintWriter err;
    private final boolean strict;
    private final int max;
    private long reported;
    private long total;
    private final List<String> summaries = new ArrayList<>();

    ProblemReporter(PrintWriter err, boolean strict, int max) {
        this.err = err;
        this.strict = strict;
        this.max = max;
    }

    @Override
    public void report(ReadProblem problem) throws StraceInputException {
        if (strict && !problem.warning()) {
            throw new StraceInputException(problem.describe());
        }
        total++;
        // lenient mode reads on past a cut-short input, so for it that is a warning
        boolean warning = problem.warning() || problem.wholeInput();
        if (reported < max || warning) {
            reported++;
            err.println((warning ? "warning: " : "") + problem.describe());
        }
    }

    @Override
    public void fileRead(String file, RecordCounts counts) {
        long bad = counts.unparsed();
        if (bad > 0) {
            // most lines not strace output: likely the wrong file, not a damaged capture
            boolean mostly = bad * 2 > counts.lines();
            summaries.add(String.format(Locale.ROOT, "%s: %,d of %s %s not strace output%s", file, bad,
                    Plural.of(counts.lines(), "line"), bad == 1 ? "is" : "are",
                    mostly ? "; is this a strace log?" : " (skipped)"));
        }
    }

    void summarize() {
        if (total > reported) {
            long more = total - reported;
            err.println("preemptscope: " + Plural.of(more, "more unparsable line", "more unparsable lines")
                    + " not shown (see --max-reported)");
        }
        summaries.forEach(s -> err.println("preemptscope: " + s));
        err.flush();
    }

    boolean nothingParsed(StraceReader reader) {
        long lines = 0;
        long unparsed = 0;
        for (var f : reader.files()) {
            lines += f.counts().lines();
            unparsed += f.counts().unparsed() + f.counts().truncated();
        }
        return lines > 0 && unparsed == lines;
    }
}
