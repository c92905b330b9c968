package io.preemptscope.strace;

/**
 * Something in the input that is not strace output, or is cut short.
 *
 * @param file the input file as the user named it
 * @param line the 1-based line (the first one of a spliced record), or 0 for the input as a whole
 * @param message what was expected
 * @param text the offending text, for the report
 * @param warning true for a problem that loses nothing (a truncated last line)
 */
public record ReadProblem(String file, long line, String message, String text, boolean warning) {
    /**
     * Compressed input that ends before its stream does: what came before the cut is read, the rest
     * is lost, so strict mode stops at it.
     */
    public static ReadProblem cutShort(String file, String message) {
        return new ReadProblem(file, 0, message, "", false);
    }

    /** Whether the problem concerns the input as a whole, not one of its lines. */
    public boolean wholeInput() {
        return line == 0;
    }

    /** The one-line form: {@code FILE:LINE: message}, or {@code FILE: message} for the whole input. */
    public String describe() {
        return wholeInput() ? file + ": " + message : file + ":" + line + ": " + message;
    }
}
