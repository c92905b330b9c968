package io.preemptscope.strace;

/** Line-level counts of one input, which events alone cannot give. */
public final class RecordCounts {
    long lines;
    long unparsed;
    long truncated;
    long unfinishedLines;
    long resumedLines;
    long incomplete;

    public long lines() {
        return lines;
    }

    public long unparsed() {
        return unparsed;
    }

    public long truncated() {
        return truncated;
    }

    public long unfinishedLines() {
        return unfinishedLines;
    }

    public long resumedLines() {
        return resumedLines;
    }

    public long incomplete() {
        return incomplete;
    }
}
