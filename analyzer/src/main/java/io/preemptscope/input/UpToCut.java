package io.preemptscope.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads compressed content up to where it is cut short, as a stream that ends there, and keeps the
 * cut for a lenient reader to warn about: like a capture copied while it was written, what came
 * before is good. Damaged data still fails.
 */
public final class UpToCut extends FilterInputStream {
    private InputException cut;

    public UpToCut(InputStream content) {
        super(content);
    }

    /** Why the content ended early, once it has. */
    public Optional<InputException> cut() {
        return Optional.ofNullable(cut);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (cut != null) {
            return -1;
        }
        try {
            return in.read(b, off, len);
        } catch (InputException e) {
            if (!e.cutShort()) {
                throw e;
            }
            cut = e;
            return -1;
        }
    }
}
