package io.preemptscope.cli;

import io.preemptscope.strace.ProblemSink;
import io.preemptscope.strace.ReadProblem;
import io.preemptscope.strace.StraceInputException;
import io.preemptscope.strace.StraceReader;
import java.io.PrintWriter;

/** Lenient mode reports and counts; strict mode stops at the first problem. */
final class ProblemReporter implements ProblemSink {
    private final PrintWriter err;
    private final boolean strict;
    private final int max;
    private long reported;
    private long total;

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

    void summarize() {
        if (total > reported) {
            err.println("preemptscope: " + (total - reported) + " more unparsable lines not shown (see --max-reported)");
        }
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
