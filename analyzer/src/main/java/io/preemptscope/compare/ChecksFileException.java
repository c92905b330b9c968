package io.preemptscope.compare;

/** A checks file that cannot be read or says something this tool cannot check; the message names the file and the entry. */
public final class ChecksFileException extends Exception {
    public ChecksFileException(String message) {
        super(message);
    }
}
