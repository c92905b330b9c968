package io.preemptscope.analysis.input;

import io.preemptscope.perf.PerfEvent;
import io.preemptscope.perf.PerfEventSource;
import io.preemptscope.strace.EventSource;
import io.preemptscope.strace.FileEventReader;
import io.preemptscope.strace.PrefetchingReader;
import io.preemptscope.strace.ProblemSink;
import io.preemptscope.strace.StraceInputException;
import io.preemptscope.strace.StraceInputs;
import io.preemptscope.strace.StraceReader;
import io.preemptscope.strace.event.StraceEvent;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The strace events of a run, merged in time order and read ahead on a thread of their own. The
 * first event is read when the stream opens, since it names the traced program; it is handed out
 * first all the same. A perf capture is read as the same events ({@link PerfEventSource}).
 */
public final class StraceStream implements AutoCloseable {
    private final List<StraceInputs.InputFile> files;
    private final EventSource reader;
    private final BooleanSupplier nothingParsed;
    private final StraceEvent first;
    /** Reads on from the second event; null when there is no first. */
    private final PrefetchingReader ahead;
    private boolean firstTaken;
    /** Sees every event go by, when a check needs all of them; else null. */
    private SameRunCheck watch;

    private StraceStream(List<StraceInputs.InputFile> files, EventSource reader, BooleanSupplier nothingParsed,
            StraceEvent first) {
        this.files = files;
        this.reader = reader;
        this.nothingParsed = nothingParsed;
        this.first = first;
        this.ahead = first == null ? null : new PrefetchingReader(reader);
    }

    static StraceStream open(List<StraceInputs.InputFile> files, ProblemSink problems) throws BadInputException {
        StraceReader reader;
        try {
            reader = new StraceReader(files, problems);
        } catch (StraceInputException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        return opened(files, reader, () -> nothingParsed(reader));
    }

    /** A perf script text as the run's events; {@code observer} sees each perf event as read. */
    static StraceStream openPerf(StraceInputs.InputFile file, ProblemSink problems, Consumer<PerfEvent> observer)
            throws BadInputException {
        PerfEventSource reader;
        try {
            reader = new PerfEventSource(file.source(), problems, observer);
        } catch (StraceInputException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        return opened(List.of(file), reader, reader::nothingParsed);
    }

    private static StraceStream opened(List<StraceInputs.InputFile> files, EventSource reader,
            BooleanSupplier nothingParsed) throws BadInputException {
        try {
            return new StraceStream(files, reader, nothingParsed, reader.next());
        } catch (IOException | StraceInputException e) {
            closeQuietly(reader);
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** The first event, or null for captures without any. */
    StraceEvent first() {
        return first;
    }

    /** Lets {@code check} see every event from the first on. */
    void watch(SameRunCheck check) {
        this.watch = check;
    }

    /** The next event, or null at the end. */
    public StraceEvent next() throws BadInputException {
        StraceEvent e = read();
        if (watch != null) {
            if (e == null) {
                watch.end();
            } else {
                watch.see(e);
            }
        }
        return e;
    }

    private StraceEvent read() throws BadInputException {
        if (!firstTaken) {
            firstTaken = true;
            return first;
        }
        if (ahead == null) {
            return null;
        }
        try {
            return ahead.next();
        } catch (IOException | StraceInputException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** The files read, each -ff file on its own. */
    public List<StraceInputs.InputFile> files() {
        return files;
    }

    /** Bytes read so far (compressed inputs count their decompressed bytes). */
    public long bytesRead() {
        return reader.bytesRead();
    }

    /** Whether every line read was unparsable: then the input was not strace (or perf script) output at all. */
    boolean nothingParsed() {
        return nothingParsed.getAsBoolean();
    }

    private static boolean nothingParsed(StraceReader reader) {
        long lines = 0;
        long unparsed = 0;
        for (FileEventReader f : reader.files()) {
            lines += f.counts().lines();
            unparsed += f.counts().unparsed() + f.counts().truncated();
        }
        return lines > 0 && unparsed == lines;
    }

    @Override
    public void close() {
        if (ahead != null) {
            ahead.close();
        }
        closeQuietly(reader);
    }

    private static void closeQuietly(EventSource reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // the inputs are only read; nothing was written that could be lost
        }
    }
}
