package io.preemptscope.gotrace;

/**
 * A Go execution trace that cannot be decoded: damaged, truncated, inconsistent, or of a version
 * this reader does not know. The message names the byte offset and what was expected there, so a
 * user can tell a cut-off file from a corrupted one without a debugger.
 */
public final class GoTraceFormatException extends Exception {
    /** Offset the problem was found at, or -1 when it concerns the whole file. */
    private final long offset;

    public GoTraceFormatException(long offset, String problem) {
        super(offset >= 0 ? "offset " + offset + ": " + problem : problem);
        this.offset = offset;
    }

    /** A problem without a position, e.g. an empty file; the message is used as given. */
    public static GoTraceFormatException whole(String message) {
        return new GoTraceFormatException(-1, message);
    }

    public long offset() {
        return offset;
    }
}
