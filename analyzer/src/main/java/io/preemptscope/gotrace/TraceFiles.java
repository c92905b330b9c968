package io.preemptscope.gotrace;

import java.io.IOException;
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
            throw GoTraceFormatException.whole("the trace is " + size
                    + " bytes: traces of more than 2 GiB are not supported (trace a shorter run)");
        }
        return Files.readAllBytes(file);
    }
}
