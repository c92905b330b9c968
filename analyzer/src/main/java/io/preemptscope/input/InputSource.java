package io.preemptscope.input;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One input as the user named it: a file of any kind that reads as a byte stream (a regular file, a
 * FIFO, a {@code /dev/fd/N} pipe, {@code /dev/null}) or standard input ({@code -}). It is opened at
 * most once, since a pipe cannot be read twice: the first {@link #open()} reads its head to tell
 * what it holds, and every later call returns that same opened input, head included.
 */
public final class InputSource {
    /** How standard input is named on the command line and in messages. */
    public static final String STDIN = "-";
    private static final int BUFFER = 1 << 16;

    private final String name;
    private final Path path;
    private final InputStream stdin;
    private OpenedInput opened;

    private InputSource(String name, Path path, InputStream stdin) {
        this.name = name;
        this.path = path;
        this.stdin = stdin;
    }

    /** A file; its name in messages and evidence is the path as given. */
    public static InputSource of(Path file) {
        return new InputSource(file.toString(), file, null);
    }

    /** Standard input, or what a test puts in its place. */
    public static InputSource stdin(InputStream in) {
        return new InputSource(STDIN, null, in);
    }

    /** Whether the user named standard input. */
    public static boolean isStdin(Path named) {
        return named.toString().equals(STDIN);
    }

    public String name() {
        return name;
    }

    /** The file, or empty for standard input. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** The size of a regular file, or -1 for a stream whose size is known only at its end. */
    public long size() {
        try {
            return path != null && Files.isRegularFile(path) ? Files.size(path) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Whether the input reads as one byte stream (a file, a FIFO, a pipe, standard input), whose
     * head tells what it holds; not a directory or an -ff prefix, which the strace reader expands.
     */
    public boolean readsAsStream() {
        return path == null || Files.exists(path) && !Files.isDirectory(path);
    }

    /** Opens the input (once) and tells what it holds from its first bytes. */
    public OpenedInput open() throws InputException {
        if (opened == null) {
            InputStream raw;
            try {
                // a channel stream asks a pipe for its position (available(), skip()), which fails
                raw = path == null ? stdin
                        : Files.isRegularFile(path) ? Files.newInputStream(path) : new FileInputStream(path.toFile());
            } catch (IOException e) {
                throw InputException.unreadable(name, e);
            }
            opened = OpenedInput.sniff(name, new BufferedInputStream(raw, BUFFER));
        }
        return opened;
    }
}
