package io.preemptscope.capture;

/** A capture that cannot be made or failed; the message is one line that says how to fix it. */
public final class CaptureException extends Exception {
    public CaptureException(String message) {
        super(message);
    }
}
