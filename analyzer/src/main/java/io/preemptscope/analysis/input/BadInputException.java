package io.preemptscope.analysis.input;

import io.preemptscope.gotrace.GoTraceFormatException;

/**
 * Input that cannot be analysed: missing, unreadable, not what it claims to be, or damaged. The
 * message names the input and is meant for the user as it is.
 */
public final class BadInputException extends Exception {
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    public BadInputException(String message) {
        super(message);
    }

    /** A Go trace that its decoder refused. */
    public static BadInputException of(String trace, GoTraceFormatException e) {
        return new BadInputException(trace + ": " + e.getMessage(), e);
    }
}
