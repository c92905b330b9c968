package io.preemptscope.input;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Decompresses an input whose compression its magic bytes name (never its file name, so a renamed
 * capture still opens). A decompressor's own failure becomes one line naming the input, the format
 * and the byte offset in the compressed data: cut short (a capture copied while it was written) or
 * damaged.
 */
final class Decompression {
    private static final int BUFFER = 1 << 16;
    /** At most this much decoded data before a cut is lost (see {@link Checked#read(byte[], int, int)}). */
    private static final int CHUNK = 4096;

    private Decompression() {}

    /** {@code raw} decompressed, or {@code raw} itself when it is not compressed; it must support mark. */
    static InputStream open(InputStream raw, String name) throws InputException {
        String format;
        try {
            format = CompressorStreamFactory.detect(raw);
        } catch (CompressorException notCompressed) {
            return raw;
        }
        CountingInputStream counted = new CountingInputStream(raw);
        try {
            return new BufferedInputStream(new Checked(
                    new CompressorStreamFactory(true).createCompressorInputStream(format, counted),
                    counted, name, format), BUFFER);
        } catch (CompressorException e) {
            // the decompressors read their header as they are made
            throw failure(name, format, counted.count(), e.getCause() instanceof IOException io ? io : null);
        } catch (LinkageError e) {
            throw InputException.damaged(name, String.format(Locale.ROOT,
                    "%s data cannot be decompressed here: its native library did not load", label(format)), e);
        }
    }

    private static InputException failure(String name, String format, long offset, IOException e) {
        if (e == null || e instanceof EOFException || mentionsTruncation(e)) {
            return InputException.cutShort(name, String.format(Locale.ROOT,
                    "%s data ends at byte %d before the end of the stream", label(format), offset), e);
        }
        return InputException.damaged(name, String.format(Locale.ROOT, "%s data is damaged before byte %d: %s",
                label(format), offset, InputException.reason(e)), e);
    }

    /** zstd-jni says "truncated" where the Java decompressors throw EOFException. */
    private static boolean mentionsTruncation(IOException e) {
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("truncated");
    }

    /** The name users know the format by. */
    private static String label(String format) {
        return switch (format) {
            case CompressorStreamFactory.GZIP -> "gzip";
            case CompressorStreamFactory.ZSTANDARD -> "zstd";
            default -> format;
        };
    }

    /** Turns the decompressor's failures into one-line messages; once failed, it fails the same way again. */
    private static final class Checked extends FilterInputStream {
        private final CountingInputStream counted;
        private final String name;
        private final String format;
        private InputException failed;

        Checked(InputStream decompressed, CountingInputStream counted, String name, String format) {
            super(decompressed);
            this.counted = counted;
            this.name = name;
            this.format = format;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (failed != null) {
                throw failed;
            }
            try {
                // a decompressor fills the whole request before it returns, and what it decoded
                // of a request that meets the cut is lost with its exception: ask little at a time
                return in.read(b, off, Math.min(len, CHUNK));
            } catch (InputException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // RuntimeException: the decompressors throw some (array bounds, arithmetic) on damaged data
                failed = failure(name, format, counted.count(),
                        e instanceof IOException io ? io : new IOException("the data does not decode", e));
                throw failed;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            int want = (int) Math.max(0, Math.min(n, BUFFER));
            return Math.max(0, read(new byte[want], 0, want));
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
