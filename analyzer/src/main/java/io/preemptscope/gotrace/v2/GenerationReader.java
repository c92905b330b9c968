package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoTraceFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups raw events into batches and batches into generations, one generation at a time, so a
 * trace of any length is validated as it is read. Batch sizes are checked against the events that
 * follow; the string, stack and frequency batches fill the generation's tables.
 *
 * <p>As in Go's reader, a damaged batch after the first batch of a generation does not hide a
 * problem in that generation: the generation read so far is returned first and the error is thrown
 * by the next call (Go's test go122-fail-first-gen-first expects exactly that).
 */
final class GenerationReader {
    /** Go's MaxBatchSize. */
    private static final long MAX_BATCH = 64 << 10;
    /** Go's MaxStringSize. */
    private static final long MAX_STRING = 1 << 10;

    private final RawSource source;
    private Batch spilled;
    private GoTraceFormatException deferred;
    private long lastGen;

    private record Batch(RawEvent header, long gen, long thread, long time, List<RawEvent> events) {}

    GenerationReader(RawSource source) {
        this.source = source;
    }

    /** The next generation, or null at the end of the trace. */
    Generation next() throws GoTraceFormatException {
        if (deferred != null) {
            throw deferred;
        }
        Batch first = spilled != null ? spilled : readBatch();
        spilled = null;
        if (first == null) {
            return null;
        }
        if (first.gen <= lastGen) {
            throw source.error(first.header.offset(), "generations out of order: generation " + first.gen
                    + " after " + lastGen);
        }
        Generation g = new Generation(first.gen);
        add(g, first);
        while (true) {
            Batch b;
            try {
                b = readBatch();
            } catch (GoTraceFormatException e) {
                deferred = e;
                break;
            }
            if (b == null) {
                break;
            }
            if (b.gen == g.number + 1) {
                spilled = b;
                break;
            }
            if (b.gen != g.number) {
                throw source.error(b.header.offset(), "generations out of order: expected a batch of generation "
                        + g.number + " or " + (g.number + 1) + ", found " + Long.toUnsignedString(b.gen));
            }
            add(g, b);
        }
        lastGen = g.number;
        if (g.ticksPerSecond == 0) {
            throw source.error(first.header.offset(), "no frequency event found in generation " + g.number);
        }
        checkStackStrings(g, first.header.offset());
        return g;
    }

    private Batch readBatch() throws GoTraceFormatException {
        RawEvent h = source.next();
        if (h == null) {
            return null;
        }
        if (h.type() == EventType.EXPERIMENTAL_BATCH) {
            // Opaque experiment data (e.g. alloc/free events): it is inline, nothing more to read.
            return new Batch(h, h.arg("gen"), h.arg("m"), h.arg("time"), List.of());
        }
        if (h.type() != EventType.EVENT_BATCH) {
            throw source.error(h.offset(), "expected a batch header (EventBatch), found " + h.type().displayName);
        }
        long gen = h.arg("gen");
        if (gen == 0) {
            throw source.error(h.offset(), "invalid generation number 0");
        }
        long size = h.arg("size");
        if (Long.compareUnsigned(size, MAX_BATCH) > 0) {
            throw source.error(h.offset(), "invalid batch size " + Long.toUnsignedString(size) + ", maximum is "
                    + MAX_BATCH);
        }
        List<RawEvent> events = new ArrayList<>();
        long read = 0;
        while (read < size) {
            RawEvent e = source.next();
            if (e == null) {
                throw source.error(source.position(), "unexpected end of trace: expected " + size
                        + " bytes of the batch that starts at " + h.offset() + ", found " + read);
            }
            if (e.type() == EventType.EVENT_BATCH || e.type() == EventType.EXPERIMENTAL_BATCH) {
                throw source.error(e.offset(), "batch header inside the batch that starts at " + h.offset()
                        + ": it declares " + size + " bytes but only " + read + " precede this header");
            }
            read += e.length();
            if (read > size) {
                throw source.error(e.offset(), e.type().displayName + " crosses the end of the batch that starts at "
                        + h.offset() + " (" + size + " bytes)");
            }
            events.add(e);
        }
        return new Batch(h, gen, h.arg("m"), h.arg("time"), events);
    }

    private void add(Generation g, Batch b) throws GoTraceFormatException {
        if (b.events.isEmpty()) {
            return;
        }
        EventType kind = b.events.get(0).type();
        switch (kind) {
            case STRINGS -> strings(g, b);
            case STACKS -> stacks(g, b);
            case CPU_SAMPLES -> onlyOf(b, EventType.CPU_SAMPLE);
            case FREQUENCY, SYNC -> frequency(g, b);
            default -> timed(g, b);
        }
    }

    private void strings(Generation g, Batch b) throws GoTraceFormatException {
        for (RawEvent e : b.events.subList(1, b.events.size())) {
            expect(e, EventType.STRING);
            if (e.data().length > MAX_STRING) {
                throw source.error(e.offset(), "invalid string size " + e.data().length + ", maximum is " + MAX_STRING);
            }
            long id = e.arg("id");
            if (g.strings.putIfAbsent(id, new String(e.data(), java.nio.charset.StandardCharsets.UTF_8)) != null) {
                throw source.error(e.offset(), "string id " + Long.toUnsignedString(id) + " defined twice in generation "
                        + g.number);
            }
        }
    }

    private void stacks(Generation g, Batch b) throws GoTraceFormatException {
        for (RawEvent e : b.events.subList(1, b.events.size())) {
            expect(e, EventType.STACK);
            long id = e.arg("id");
            long[] frames = java.util.Arrays.copyOfRange(e.args(), 2, e.args().length);
            if (g.stacks.putIfAbsent(id, frames) != null) {
                throw source.error(e.offset(), "stack id " + Long.toUnsignedString(id) + " defined twice in generation "
                        + g.number);
            }
        }
    }

    private void frequency(Generation g, Batch b) throws GoTraceFormatException {
        for (RawEvent e : b.events) {
            if (e.type() == EventType.FREQUENCY) {
                if (g.ticksPerSecond != 0) {
                    throw source.error(e.offset(), "found multiple frequency events in generation " + g.number);
                }
                if (e.arg("freq") <= 0) {
                    throw source.error(e.offset(), "invalid frequency " + Long.toUnsignedString(e.arg("freq")));
                }
                g.ticksPerSecond = e.arg("freq");
            } else if (e.type() != EventType.SYNC && e.type() != EventType.CLOCK_SNAPSHOT) {
                throw source.error(e.offset(), "expected Frequency or ClockSnapshot in the sync batch, found "
                        + e.type().displayName);
            }
        }
    }

    private void onlyOf(Batch b, EventType type) throws GoTraceFormatException {
        for (RawEvent e : b.events.subList(1, b.events.size())) {
            expect(e, type);
        }
    }

    private void timed(Generation g, Batch b) throws GoTraceFormatException {
        List<Generation.Timed> list = g.perThread.computeIfAbsent(b.thread, k -> new ArrayList<>());
        long ticks = b.time;
        for (RawEvent e : b.events) {
            if (e.type() == EventType.END_OF_GENERATION) {
                continue;
            }
            if (!e.type().timed()) {
                throw source.error(e.offset(), "expected a timed event in the batch of thread "
                        + Long.toUnsignedString(b.thread) + ", found " + e.type().displayName);
            }
            ticks += e.args()[0];
            list.add(new Generation.Timed(e, ticks, b.thread));
        }
    }

    private void expect(RawEvent e, EventType type) throws GoTraceFormatException {
        if (e.type() != type) {
            throw source.error(e.offset(), "expected a " + type.displayName + " event, found " + e.type().displayName);
        }
    }

    /** Every frame's function and file must name a string of the generation (Go checks the same). */
    private void checkStackStrings(Generation g, long offset) throws GoTraceFormatException {
        for (var s : g.stacks.entrySet()) {
            long[] f = s.getValue();
            for (int i = 0; i + 3 < f.length; i += 4) {
                if (g.string(f[i + 1]) == null || g.string(f[i + 2]) == null) {
                    throw source.error(offset, "found invalid " + (g.string(f[i + 1]) == null ? "func" : "file")
                            + " string ID " + f[i + (g.string(f[i + 1]) == null ? 1 : 2)] + " for stack " + s.getKey());
                }
            }
        }
    }
}
