package io.preemptscope.analysis.input;

import io.preemptscope.strace.FileEventReader;
import io.preemptscope.strace.RecordReader;
import io.preemptscope.strace.StraceInputException;
import io.preemptscope.strace.StraceInputs;
import io.preemptscope.strace.event.ExitEvent;
import io.preemptscope.strace.event.KillEvent;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SyscallEvent;
import io.preemptscope.strace.event.Timestamp;
import io.preemptscope.strace.input.InputOpener;
import io.preemptscope.strace.input.LineSource;
import java.util.Optional;
import java.nio.file.Files;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The two ends of a strace file, read without a pass over what lies between: its first event,
 * and, for a plain (uncompressed) file, the last timestamp and the exits in its last bytes. Lines
 * the parser does not take are skipped quietly here; the analysis reports them when it reads them.
 *
 * @param first the first event, or null when the file's first bytes hold none
 * @param last the latest timestamp of the last bytes, or {@link Timestamp#ABSENT} when not known
 * @param exited the threads whose exit (or death by a signal) the last bytes show
 */
record StraceEnds(StraceEvent first, Timestamp last, Set<Integer> exited) {
    /** Enough for the first event of any real capture, and for many lines at its end. */
    private static final int END_BYTES = 64 * 1024;

    static StraceEnds read(StraceInputs.InputFile file) {
        // a pipe or standard input can be read once only, and the analysis reads it
        Optional<Path> path = file.source().path().filter(Files::isRegularFile);
        if (path.isEmpty()) {
            return new StraceEnds(null, Timestamp.ABSENT, Set.of());
        }
        StraceEvent first;
        try (InputStream in = InputOpener.open(path.get())) {
            first = events(file, in.readNBytes(END_BYTES), false, true).first;
        } catch (IOException e) {
            // the analysis opens it again and reports what is wrong with it
            return new StraceEnds(null, Timestamp.ABSENT, Set.of());
        }
        Tail tail = tail(file, path.get());
        return new StraceEnds(first, tail.last, tail.exited);
    }

    private static Tail tail(StraceInputs.InputFile file, Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate(4);
            ch.read(head, 0);
            if (!plainText(head.array(), head.position())) {
                return new Tail(null, Timestamp.ABSENT, Set.of());
            }
            long from = Math.max(0, size - END_BYTES);
            ByteBuffer bytes = ByteBuffer.allocate((int) (size - from));
            while (bytes.hasRemaining() && ch.read(bytes, from + bytes.position()) > 0) {
                // a regular file gives every byte up to its size
            }
            return events(file, bytes.array(), from > 0, false);
        } catch (IOException e) {
            return new Tail(null, Timestamp.ABSENT, Set.of());
        }
    }

    /** Compressed files start with a binary magic; strace output starts with text. */
    private static boolean plainText(byte[] start, int n) {
        for (int i = 0; i < n; i++) {
            int b = start[i] & 0xff;
            if (b < 0x20 && b != '\n' && b != '\t' && b != '\r' || b >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * The events of some bytes of the file; {@code midLine} drops the first, partial line;
     * {@code firstOnly} stops at the first event.
     */
    private static Tail events(StraceInputs.InputFile file, byte[] bytes, boolean midLine, boolean firstOnly)
            throws IOException {
        int start = 0;
        if (midLine) {
            while (start < bytes.length && bytes[start] != '\n') {
                start++;
            }
            start++;
        }
        LineSource lines = new LineSource(new ByteArrayInputStream(bytes, Math.min(start, bytes.length),
                Math.max(0, bytes.length - start)));
        FileEventReader reader = new FileEventReader(file.displayName(), new RecordReader(lines), p -> { }, file.tid());
        StraceEvent first = null;
        Timestamp last = Timestamp.ABSENT;
        Set<Integer> exited = new HashSet<>();
        try {
            for (StraceEvent e = reader.next(); e != null; e = reader.next()) {
                if (first == null) {
                    first = e;
                    if (firstOnly) {
                        break;
                    }
                }
                Timestamp t = e instanceof SyscallEvent call && call.exit().present() ? call.exit() : e.ts();
                if (t.present() && (!last.present() || t.nanos() > last.nanos())) {
                    last = t;
                }
                if (e instanceof ExitEvent || e instanceof KillEvent) {
                    exited.add(e.tid());
                }
            }
        } catch (StraceInputException | ArithmeticException e) {
            // no sink here throws; a value past the clock's range leaves what was read so far
        }
        return new Tail(first, last, exited);
    }

    private record Tail(StraceEvent first, Timestamp last, Set<Integer> exited) {}
}
