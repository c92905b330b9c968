package io.preemptscope.strace.input;

import io.preemptscope.input.InputSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Opens a capture file, plain or compressed. The compression is recognised from the content's
 * magic bytes, not from the file name, so a renamed capture still opens.
 */
public final class InputOpener {
    private InputOpener() {}

    /** The file's content, decompressed; an empty file or damaged compressed data fails with a one-line message. */
    public static InputStream open(Path file) throws IOException {
        return InputSource.of(file).open().content();
    }
}
