package io.preemptscope.perf;

import io.preemptscope.input.CountingInputStream;
import io.preemptscope.input.InputException;
import io.preemptscope.input.InputSource;
import io.preemptscope.input.UpToCut;
import io.preemptscope.strace.EventSource;
import io.preemptscope.strace.ProblemSink;
import io.preemptscope.strace.ReadProblem;
import io.preemptscope.strace.StraceInputException;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.util.IoErrors;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A perf script text read as the replay's events ({@link PerfAsStrace}), streaming. Every perf
 * event is also handed, as read, to an observer: what perf knows and strace does not (when each
 * thread was on a CPU, when a signal was generated) is measured from those.
 */
public final class PerfEventSource implements EventSource {
    private final String name;
    private final CountingInputStream counted;
    private final UpToCut content;
    private final PerfScriptReader reader;
    private final PerfAsStrace translate;
    private final Consumer<PerfEvent> observer;
    private final ProblemSink problems;
    private final ArrayDeque<StraceEvent> ready = new ArrayDeque<>();
    private boolean finished;
    /** The last event read, to drop a record perf wrote twice. */
    private PerfEvent last;
    private long repeated;

    /**
     * @param observer sees every perf event in order, on the thread that reads
     */
    public PerfEventSource(InputSource source, ProblemSink problems, Consumer<PerfEvent> observer)
            throws StraceInputException {
        this.name = source.name();
        try {
            this.counted = new CountingInputStream(source.open().content());
        } catch (InputException e) {
            throw new StraceInputException(e.getMessage(), e);
        }
        this.content = new UpToCut(counted);
        // ISO-8859-1: one char per byte, so a comm's bytes survive whatever they are
        this.reader = new PerfScriptReader(name, new InputStreamReader(content, StandardCharsets.ISO_8859_1), problems);
        this.translate = new PerfAsStrace(name);
        this.observer = observer;
        this.problems = problems;
    }

    @Override
    public StraceEvent next() throws IOException, StraceInputException {
        while (ready.isEmpty()) {
            if (finished) {
                return null;
            }
            PerfEvent e = read();
            if (e == null) {
                finished = true;
                translate.finish(ready::add);
                Optional<InputException> cut = content.cut();
                if (cut.isPresent()) {
                    problems.report(ReadProblem.cutShort(name, cut.get().detail()));
                }
                if (repeated > 0) {
                    problems.report(new ReadProblem(name, 0, String.format(java.util.Locale.ROOT, "%,d record%s printed"
                            + " twice (the same event of the same thread at the same nanosecond) read once", repeated,
                            repeated == 1 ? "" : "s"), "", true));
                }
            } else if (sameAs(last, e)) {
                // perf script can print one record twice in a row; a thread cannot do one thing twice at one instant
                repeated++;
            } else {
                last = e;
                observer.accept(e);
                translate.accept(e, ready::add);
            }
        }
        return ready.poll();
    }

    private PerfEvent read() throws StraceInputException {
        try {
            return reader.next();
        } catch (InputException e) {
            throw new StraceInputException(e.getMessage(), e); // damaged compressed data names its input
        } catch (IOException e) {
            throw new StraceInputException(name + ": cannot be read: " + IoErrors.describe(e), e);
        }
    }

    private static boolean sameAs(PerfEvent a, PerfEvent b) {
        return a != null && a.tid() == b.tid() && a.timeNs() == b.timeNs() && a.event().equals(b.event())
                && a.payload().equals(b.payload());
    }

    /** Records perf printed twice in a row and that were read once. */
    public long repeated() {
        return repeated;
    }

    @Override
    public long bytesRead() {
        return counted.count();
    }

    /** Whether lines were read and none was perf script output. */
    public boolean nothingParsed() {
        return reader.lines() > 0 && reader.events() == 0;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
