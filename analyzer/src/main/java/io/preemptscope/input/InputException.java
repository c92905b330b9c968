package io.preemptscope.input;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

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
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return lowerFirst(f.getReason());
        }
        String message = e.getMessage();
        if (e instanceof FileNotFoundException && message != null && message.endsWith(")")
                && message.lastIndexOf(" (") > 0) {
            // FileInputStream's form: "PATH (Reason)"
            return lowerFirst(message.substring(message.lastIndexOf(" (") + 2, message.length() - 1));
        }
        return message == null || message.isBlank() || message.contains("null") ? "input/output error"
                : lowerFirst(message.replace('\n', ' '));
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
