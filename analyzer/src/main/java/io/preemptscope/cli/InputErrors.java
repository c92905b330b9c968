package io.preemptscope.cli;

import io.preemptscope.util.IoErrors;
import java.io.IOException;

/**
 * The message of an input failure, with a JDK exception's own text at its end said in words: the
 * readers below the CLI pass some of it through (a missing file's message is just its path, a
 * cut-short stream's may be null).
 */
final class InputErrors {
    private InputErrors() {}

    static String describe(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (e.getCause() instanceof IOException io) {
            String jdk = String.valueOf(io.getMessage());
            if (message.endsWith(jdk)) {
                return message.substring(0, message.length() - jdk.length()) + IoErrors.describe(io);
            }
        }
        return message;
    }
}
