package io.preemptscope.strace;

/** An input that cannot be read as strace output (strict mode), or cannot be read at all. */
public final class StraceInputException extends Exception {
    public StraceInputException(String message) {
        super(message);
    }

    public StraceInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
