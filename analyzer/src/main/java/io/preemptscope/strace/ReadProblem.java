package io.preemptscope.strace;

/**
 * Something in the input that is not strace output, or is cut short.
 *
 * @param file the input file as the user named it
 * @param line the 1-based line (the first one of a spliced record)
 * @param message what was expected
 * @param text the offending text, for the report
 * @param warning true for a problem that loses nothing (a truncated last line)
 */
public record ReadProblem(String file, long line, String message, String text, boolean warning) {
    /** The one-line form: {@code FILE:LINE: message}. */
    public String describe() {
        return file + ":" + line + ": " + message;
    }
}
