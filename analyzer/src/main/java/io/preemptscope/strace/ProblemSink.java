package io.preemptscope.strace;

/** Receives each problem as it is found; strict mode makes it throw, lenient mode reports and counts. */
@FunctionalInterface
public interface ProblemSink {
    void report(ReadProblem problem) throws StraceInputException;
}
