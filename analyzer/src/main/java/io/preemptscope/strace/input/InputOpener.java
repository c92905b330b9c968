package io.preemptscope.strace.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Opens a capture file, plain or compressed. The compression is recognised from the content's
 * magic bytes, not from the file name, so a renamed capture still opens.
 */
public final class InputOpener {
    private InputOpener() {}

    public static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        String kind;
        try {
            kind = CompressorStreamFactory.detect(raw);
        } catch (CompressorException notCompressed) {
            return raw;
        }
        try {
            return new BufferedInputStream(
                    new CompressorStreamFactory(true).createCompressorInputStream(kind, raw), 1 << 16);
        } catch (CompressorException | LinkageError e) {
            raw.close();
            throw new IOException("cannot decompress " + kind + " data: " + e.getMessage(), e);
        }
    }
}
