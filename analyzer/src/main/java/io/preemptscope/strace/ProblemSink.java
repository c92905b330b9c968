package io.preemptscope.strace;

/** Receives each problem as it is found; strict mode makes it throw, lenient mode reports and counts. */
@FunctionalInterface
public interface ProblemSink {
    void report(ReadProblem problem) throws StraceInputException;

    /** One input has been read to its end; its line counts, for a summary. */
    default void fileRead(String file, RecordCounts counts) {}
}
