package io.preemptscope.input;

import io.preemptscope.util.IoErrors;
import java.io.IOException;

/**
 * An input that cannot be read as it stands: empty, unreadable, or compressed data that is damaged
 * or cut short. The message is one line that names the input and is meant for the user as it is.
 */
public final class InputException extends IOException {
    private final String name;
    private final String detail;
    private final boolean cutShort;

    private InputException(String name, String detail, Throwable cause, boolean cutShort) {
        super(name + ": " + detail, cause);
        this.name = name;
        this.detail = detail;
        this.cutShort = cutShort;
    }

    /** {@code NAME: DETAIL}. */
    public InputException(String name, String detail) {
        this(name, detail, null, false);
    }

    /** {@code NAME: cannot be read: REASON}. */
    public static InputException unreadable(String name, IOException e) {
        return new InputException(name, "cannot be read: " + reason(e), e, false);
    }

    /** Compressed data that stops before its format's end: what came before it is good. */
    static InputException cutShort(String name, String detail, IOException cause) {
        return new InputException(name, detail, cause, true);
    }

    /** Compressed data that its decompressor refused. */
    static InputException damaged(String name, String detail, Throwable cause) {
        return new InputException(name, detail, cause, false);
    }

    /** The input as named in the message. */
    public String name() {
        return name;
    }

    /** The message without the input's name. */
    public String detail() {
        return detail;
    }

    /** Whether the input ended early but everything read before the end is sound. */
    public boolean cutShort() {
        return cutShort;
    }

    /**
     * What went wrong, in the operating system's words ("permission denied", "not a directory"):
     * the exceptions of java.nio.file carry the path as their message and the reason apart.
     */
    public static String reason(IOException e) {
        return IoErrors.describe(e);
    }
}
