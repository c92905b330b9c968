package io.preemptscope.gotrace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading a trace file whole: the decoders address it with int offsets and read it more than once. */
public final class TraceFiles {
    /** The largest array Java allocates. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private TraceFiles() {}

    /** The file's bytes; refused with a one-line error past 2 GiB. */
    public static byte[] readBytes(Path file) throws IOException, GoTraceFormatException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw tooLarge(size + " bytes");
        }
        return Files.readAllBytes(file);
    }

    /**
     * All of an input's content: a pipe or standard input is held in memory whole, like a file.
     *
     * @param size the size when the input is a regular file, to refuse one past 2 GiB before reading it; else -1
     */
    public static byte[] readBytes(InputStream content, long size) throws IOException, GoTraceFormatException {
        if (size > MAX_BYTES) {
            throw tooLarge(size + " bytes");
        }
        byte[] bytes = content.readNBytes((int) MAX_BYTES);
        if (bytes.length == MAX_BYTES && content.read() >= 0) {
            throw tooLarge("more than " + MAX_BYTES + " bytes");
        }
        return bytes;
    }

    private static GoTraceFormatException tooLarge(String size) {
        return GoTraceFormatException.whole("the trace is " + size
                + ": traces of more than 2 GiB are not supported (trace a shorter run)");
    }
}
