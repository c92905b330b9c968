package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.Frame;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.util.LongMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The first pass over a v1 trace (the table-building half of Go's parseEvents): it frames and
 * checks every event, and keeps only what the merge needs before it can start, namely the string
 * and stack tables, the clock frequency, and where each P's batches begin. Events are decoded again
 * from the bytes during the merge, so memory stays at the size of the file whatever the event count.
 */
final class TraceIndex {
    /** A stack this deep is damage, not a program (the runtime caps stacks far lower). */
    private static final long MAX_FRAMES = 1000;

    final byte[] data;
    final int version;
    final Map<Long, String> strings = new HashMap<>();
    final LongMap<List<Frame>> stacks = new LongMap<>();
    final Set<Long> timerGoroutines = new HashSet<>();
    long ticksPerSecond;
    /** CPU profile samples, in signal-handler time order: the runtime writes them late. */
    final List<V1Event> cpuSamples = new ArrayList<>();
    /** Go 1.7 and earlier wrote FutileWakeup; removing those wakeups needs the whole event list. */
    boolean futileWakeups;
    long timedEvents;

    /** Keyed by P, sorted so the merge does not depend on hash order: offsets of its stretches. */
    private final TreeMap<Integer, List<Integer>> segments = new TreeMap<>();
    private final Map<Long, long[]> rawStacks = new HashMap<>();

    /** Wire argument counts by type ordinal, for this version. */
    private final int[] argCounts;

    private TraceIndex(byte[] data, int version) {
        this.data = data;
        this.version = version;
        EventType[] all = EventType.values();
        argCounts = new int[all.length];
        for (EventType t : all) {
            argCounts[t.ordinal()] = t.wireArgCount(version);
        }
    }

    static TraceIndex read(byte[] data, int version) throws GoTraceFormatException {
        TraceIndex index = new TraceIndex(data, version);
        index.scan();
        return index;
    }

    /** One cursor per P that has events, in P order, then the CPU samples. */
    List<EventCursor> cursors() {
        List<EventCursor> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : segments.entrySet()) {
            out.add(new BatchCursor(this, e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray()));
        }
        if (!cpuSamples.isEmpty()) {
            out.add(new ListCursor(cpuSamples));
        }
        return out;
    }

    private void scan() throws GoTraceFormatException {
        WireReader reader = new WireReader(data, Versions.HEADER_LENGTH, version);
        WireEvent ev = new WireEvent();
        // Events before the first batch belong to P 0 (Go's parser starts with lastP = 0).
        int p = 0;
        int segmentStart = Versions.HEADER_LENGTH;
        boolean segmentHasEvents = false;
        BatchState sampleState = new BatchState();
        while (!reader.atEnd()) {
            reader.next(ev);
            EventType type = ev.type;
            switch (type) {
                case STRING -> {
                    if (strings.putIfAbsent(ev.arg(0), ev.text) != null) {
                        throw new GoTraceFormatException(ev.offset, "string id " + ev.arg(0) + " is defined twice");
                    }
                }
                case STACK -> addStack(ev);
                case BATCH -> {
                    checkArgCount(ev);
                    p = (int) ev.arg(0); // 2^64-1 is the global buffer: -1, as Go's int() gives
                    segmentStart = ev.offset;
                    segmentHasEvents = false;
                }
                case FREQUENCY -> {
                    checkArgCount(ev);
                    ticksPerSecond = ev.arg(0);
                    if (ticksPerSecond <= 0) {
                        throw new GoTraceFormatException(ev.offset, "Frequency is "
                                + Long.toUnsignedString(ev.arg(0)) + " ticks/s: expected a positive value");
                    }
                }
                case TIMER_GOROUTINE -> {
                    checkArgCount(ev);
                    timerGoroutines.add(ev.arg(0));
                }
                default -> {
                    checkArgCount(ev);
                    timedEvents++;
                    if (type == EventType.CPU_SAMPLE) {
                        cpuSamples.add(TimedEvents.decode(ev, sampleState, this));
                    } else if (!segmentHasEvents) {
                        segments.computeIfAbsent(p, k -> new ArrayList<>()).add(segmentStart);
                        segmentHasEvents = true;
                    }
                    futileWakeups |= type == EventType.FUTILE_WAKEUP;
                }
            }
        }
        if (timedEvents == 0) {
            throw new GoTraceFormatException(reader.position(), "trace has no events: expected at least one batch");
        }
        if (ticksPerSecond == 0) {
            throw new GoTraceFormatException(reader.position(),
                    "end of file without a Frequency event: expected one to convert ticks to time");
        }
        resolveStacks();
        cpuSamples.sort((x, y) -> Long.compare(x.ts, y.ts));
    }

    private void checkArgCount(WireEvent ev) throws GoTraceFormatException {
        int want = argCounts[ev.type.ordinal()];
        if (ev.argCount != want) {
            throw new GoTraceFormatException(ev.offset, ev.type.displayName + " has " + ev.argCount
                    + " arguments, expected " + want);
        }
    }

    /** Stacks may come before the strings their frames name: they are resolved after the scan. */
    private void addStack(WireEvent ev) throws GoTraceFormatException {
        if (ev.argCount < 2) {
            throw new GoTraceFormatException(ev.offset, "Stack has " + ev.argCount
                    + " arguments, expected at least 2 (id, frame count)");
        }
        long size = ev.arg(1);
        if (size < 0 || size > MAX_FRAMES) {
            throw new GoTraceFormatException(ev.offset, "Stack has " + Long.toUnsignedString(size)
                    + " frames, expected at most " + MAX_FRAMES);
        }
        long want = 2 + perFrame() * size;
        if (ev.argCount != want) {
            throw new GoTraceFormatException(ev.offset, "Stack with " + size + " frames has "
                    + ev.argCount + " arguments, expected " + want);
        }
        long id = ev.arg(0);
        if (id == 0 || size == 0) {
            return;
        }
        rawStacks.put(id, java.util.Arrays.copyOf(ev.args, ev.argCount));
    }

    private int perFrame() {
        return version < 1007 ? 1 : 4;
    }

    private void resolveStacks() {
        for (Map.Entry<Long, long[]> e : rawStacks.entrySet()) {
            long[] a = e.getValue();
            int size = (int) a[1];
            List<Frame> frames = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                if (perFrame() == 1) {
                    frames.add(new Frame(a[2 + i], "", "", 0));
                } else {
                    int k = 2 + 4 * i;
                    frames.add(new Frame(a[k], string(a[k + 1]), string(a[k + 2]), (int) a[k + 3]));
                }
            }
            stacks.put(e.getKey(), List.copyOf(frames));
        }
        rawStacks.clear();
    }

    String string(long id) {
        return strings.getOrDefault(id, "");
    }
}
