package io.preemptscope.strace;

import io.preemptscope.input.InputException;
import io.preemptscope.input.UpToCut;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SyscallEvent;
import io.preemptscope.strace.event.Timestamp;
import io.preemptscope.strace.input.LineSource;
import io.preemptscope.util.IoErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Streams the events of one or more strace files, merged in timestamp order (the way several
 * -ff files of one run belong together). One file is read in its own order.
 */
public final class StraceReader implements EventSource {
    private final List<Source> sources = new ArrayList<>();
    private final PriorityQueue<Source> queue = new PriorityQueue<>(
            (a, b) -> a.key != b.key ? Long.compare(a.key, b.key) : Integer.compare(a.index, b.index));
    private boolean primed;

    public StraceReader(List<StraceInputs.InputFile> files, ProblemSink problems) throws StraceInputException {
        try {
            for (StraceInputs.InputFile f : files) {
                UpToCut content;
                try {
                    content = new UpToCut(f.source().open().content());
                } catch (InputException e) {
                    throw new StraceInputException(e.getMessage(), e);
                }
                LineSource lines = new LineSource(content);
                FileEventReader reader = new FileEventReader(
                        f.displayName(), new RecordReader(lines), problems, f.tid());
                sources.add(new Source(sources.size(), content, lines, reader, problems));
            }
        } catch (StraceInputException e) {
            closeQuietly();
            throw e;
        }
    }

    /** The next event over all inputs, or null when every input is done. */
    @Override
    public StraceEvent next() throws IOException, StraceInputException {
        if (!primed) {
            for (Source s : sources) {
                if (s.advance()) {
                    queue.add(s);
                }
            }
            primed = true;
        }
        Source s = queue.poll();
        if (s == null) {
            return null;
        }
        StraceEvent event = s.head;
        if (s.advance()) {
            queue.add(s);
        }
        return event;
    }

    /** Bytes read so far over all inputs (compressed inputs count their decompressed bytes). */
    @Override
    public long bytesRead() {
        long total = 0;
        for (Source s : sources) {
            total += s.lines.bytesRead();
        }
        return total;
    }

    public List<FileEventReader> files() {
        return sources.stream().map(s -> s.reader).toList();
    }

    @Override
    public void close() throws IOException {
        closeQuietly();
    }

    private void closeQuietly() {
        for (Source s : sources) {
            try {
                s.lines.close();
            } catch (IOException ignored) {
                // nothing was written; a failing close of a read-only input loses nothing
            }
        }
    }

    private static final class Source {
        final int index;
        final UpToCut content;
        final LineSource lines;
        final FileEventReader reader;
        final ProblemSink problems;
        StraceEvent head;
        long key = Long.MIN_VALUE;

        Source(int index, UpToCut content, LineSource lines, FileEventReader reader, ProblemSink problems) {
            this.index = index;
            this.content = content;
            this.lines = lines;
            this.reader = reader;
            this.problems = problems;
        }

        boolean advance() throws StraceInputException {
            try {
                head = reader.next();
            } catch (InputException e) {
                throw new StraceInputException(e.getMessage(), e); // damaged compressed data names its input
            } catch (IOException e) {
                // a failing disk: say which input
                throw new StraceInputException(reader.file() + ": cannot be read: " + IoErrors.describe(e), e);
            }
            if (head == null) {
                Optional<InputException> cut = content.cut();
                if (cut.isPresent()) {
                    problems.report(ReadProblem.cutShort(reader.file(), cut.get().detail()));
                }
                return false;
            }
            Timestamp when = head instanceof SyscallEvent call && call.exit().present() ? call.exit() : head.ts();
            // an event without a timestamp keeps its place behind the one before it
            if (when.present()) {
                key = when.nanos();
            }
            return true;
        }
    }
}
