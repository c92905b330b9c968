package io.preemptscope.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it: how far a decompressor got before failing, or how far a
 * reader is, for progress. Written by the one thread that reads; read by any.
 */
public final class CountingInputStream extends FilterInputStream {
    private volatile long count;

    public CountingInputStream(InputStream in) {
        super(in);
    }

    /** Bytes read (and skipped) so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        count += skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
