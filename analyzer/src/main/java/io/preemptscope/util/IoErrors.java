package io.preemptscope.util;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * What went wrong with a file, in words: the JDK's messages are not made for users (a missing
 * file's message is only its path, a cut-short stream's is often null).
 */
public final class IoErrors {
    /** A message that names a Java class says nothing to a user; a cause's may say more. */
    private static final Pattern JAVA_NAME =
            Pattern.compile("java\\.|Exception|\\b[A-Z][a-z]+[A-Z]\\w*(Stream|Error|Reader|Channel)\\b");

    private IoErrors() {}

    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return words(fs.getReason());
        }
        String message = e.getMessage();
        if (e instanceof FileNotFoundException && message != null && message.endsWith(")")
                && message.lastIndexOf(" (") > 0) {
            // FileInputStream's form: "PATH (Reason)"
            return words(message.substring(message.lastIndexOf(" (") + 2, message.length() - 1));
        }
        if (e instanceof EOFException) {
            return "it ends too early (cut short)";
        }
        if (e instanceof ZipException) {
            return "the gzip data is damaged";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && !JAVA_NAME.matcher(m).find()) {
                return words(m);
            }
        }
        return "input/output error";
    }

    /** An OS or library message as a clause: lower case first, no full stop. */
    private static String words(String message) {
        String m = message.strip();
        if (m.endsWith(".")) {
            m = m.substring(0, m.length() - 1);
        }
        if (m.length() > 1 && Character.isUpperCase(m.charAt(0)) && !Character.isUpperCase(m.charAt(1))) {
            m = m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
        }
        return m;
    }
}
