package io.preemptscope.input;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * An input opened once, with what it holds told from its head: its content (decompressed) is
 * read on from the start, the sniffed head included, without opening the input again.
 */
public final class OpenedInput implements Closeable {
    /** The most content read ahead to tell its kind: far more than the lines {@link InputKind} looks at. */
    static final int MAX_HEAD = 256 * 1024;

    private final String name;
    private final InputKind kind;
    private final InputStream content;
    private boolean taken;

    private OpenedInput(String name, InputKind kind, InputStream content) {
        this.name = name;
        this.kind = kind;
        this.content = content;
    }

    /** Reads the head of {@code raw} (which must support mark) and keeps it for the reader. */
    static OpenedInput sniff(String name, InputStream raw) throws InputException {
        try {
            InputStream decompressed = Decompression.open(raw, name);
            byte[] head = new byte[4096];
            int length = 0;
            int lines = 0;
            InputException cut = null;
            try {
                while (length < MAX_HEAD && lines < InputKind.SCHEDTRACE_LINES) {
                    if (length == head.length) {
                        head = Arrays.copyOf(head, Math.min(MAX_HEAD, head.length * 2));
                    }
                    int n = decompressed.read(head, length, head.length - length);
                    if (n < 0) {
                        break;
                    }
                    for (int i = length; i < length + n; i++) {
                        lines += head[i] == '\n' ? 1 : 0;
                    }
                    length += n;
                }
            } catch (InputException e) {
                if (!e.cutShort()) {
                    throw e;
                }
                // what came before the cut is told and read all the same; reading on fails as it did here
                cut = e;
            }
            if (length == 0) {
                if (cut != null) {
                    throw cut;
                }
                // an empty *.trace is what a hung Go program leaves: its decoder says so
                InputKind kind = name.endsWith(".trace") ? InputKind.GO_TRACE_V1 : null;
                if (kind == null) {
                    throw new InputException(name, "empty, no strace output, Go trace or schedtrace output");
                }
                return new OpenedInput(name, kind, decompressed);
            }
            byte[] known = Arrays.copyOf(head, length);
            return new OpenedInput(name, InputKind.of(known),
                    new SequenceInputStream(new ByteArrayInputStream(known), decompressed));
        } catch (InputException e) {
            closeQuietly(raw);
            throw e;
        } catch (IOException e) {
            closeQuietly(raw);
            throw InputException.unreadable(name, e);
        }
    }

    public String name() {
        return name;
    }

    public InputKind kind() {
        return kind;
    }

    /**
     * The content, decompressed, from its first byte; it can be taken once. Compressed data that
     * is damaged or cut short fails with an {@link InputException} where it ends.
     */
    public InputStream content() {
        if (taken) {
            throw new IllegalStateException(name + " is read once");
        }
        taken = true;
        return content;
    }

    @Override
    public void close() throws IOException {
        content.close();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was written; the input is given up either way
        }
    }
}
