package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.Frame;
import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoEventKind;
import io.preemptscope.gotrace.GoTrace;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.gotrace.GoVersionRange;
import io.preemptscope.gotrace.TraceReleases;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decodes a Go 1.22+ execution trace, binary or text, into validated events in Go's order: per
 * generation, the per-thread streams are merged by time wherever the scheduler state allows (see
 * {@link Ordering}), exactly one event at a time, so a broken trace fails at the first event that
 * cannot happen. Which of the two encodings a file holds is for the caller to say.
 */
public final class V2Decoder {
    public static final String FORMAT = "gotrace-v2";
    public static final String TEXT_FORMAT = "gotrace-v2-text";
    /** The first release that writes this format. */
    private static final String FORMAT_SINCE = "1.22";
    private static final String PREEMPTED = "preempted";

    private final Sources sources;
    private final String format;

    private V2Decoder(Sources sources, String format) {
        this.sources = sources;
        this.format = format;
    }

    /** A binary trace ("go 1.N trace" header). */
    public static V2Decoder binary(byte[] data) {
        return new V2Decoder(() -> new BinaryReader(data), FORMAT);
    }

    /** A text trace (Go's txtar test files, {@code go tool trace -d=wire} output); parsed here, once. */
    public static V2Decoder text(byte[] data) throws GoTraceFormatException {
        TextTrace text = TextReader.read(new String(data, StandardCharsets.UTF_8));
        return new V2Decoder(text::source, TEXT_FORMAT);
    }

    /** Every event, times relative to the earliest one. */
    public GoTrace decode() throws GoTraceFormatException {
        RawSource source = sources.get();
        GenerationReader generations = new GenerationReader(source);
        Ordering ordering = new Ordering();
        List<GoEvent> out = new ArrayList<>();
        long freq = 0;
        int count = 0;
        for (Generation g = generations.next(); g != null; g = generations.next()) {
            count++;
            freq = g.ticksPerSecond;
            order(g, ordering, out::add, source, 0);
        }
        return trace(source.minor(), count, freq, relativeTimes(out));
    }

    /**
     * Hands the events to {@code sink} one at a time, as {@link #decode()} lists them, holding one
     * generation at a time. A first pass finds the earliest time (the zero of the relative times); a
     * trace that fails fails in the second, where the list would.
     *
     * @return the trace with an empty event list and the generation count: what the sink did not see
     */
    public GoTrace stream(Consumer<GoEvent> sink) throws GoTraceFormatException {
        long earliest = earliest(sources.get());
        RawSource source = sources.get();
        GenerationReader generations = new GenerationReader(source);
        Ordering ordering = new Ordering();
        long freq = 0;
        int count = 0;
        for (Generation g = generations.next(); g != null; g = generations.next()) {
            count++;
            freq = g.ticksPerSecond;
            order(g, ordering, sink, source, earliest);
        }
        return trace(source.minor(), count, freq, List.of());
    }

    /** The header names the release, except that Go 1.24 writes "go 1.23". */
    private GoTrace trace(int minor, int generations, long freq, List<GoEvent> events) {
        String version = "1." + minor;
        GoVersionRange releases = TraceReleases.header(version, version, minor == 23 ? "1.24" : version);
        return new GoTrace(format, version, releases, FORMAT_SINCE, freq, generations, events, Set.of());
    }

    /** A fresh reader over the same trace, for each pass. */
    private interface Sources {
        RawSource get() throws GoTraceFormatException;
    }

    /** The earliest event time in ns, over the generations that can be read. */
    private static long earliest(RawSource source) {
        long min = Long.MAX_VALUE;
        try {
            GenerationReader generations = new GenerationReader(source);
            for (Generation g = generations.next(); g != null; g = generations.next()) {
                for (List<Generation.Timed> thread : g.perThread.values()) {
                    for (Generation.Timed t : thread) {
                        min = Math.min(min, g.toNanos(t.ticks()));
                    }
                }
            }
        } catch (GoTraceFormatException damaged) {
            // the second pass reports it, at the event where the list decoder would
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    /** Merges the threads of one generation: always the earliest event that can advance. */
    private static void order(Generation g, Ordering ordering, Consumer<GoEvent> out, RawSource source, long zeroNs)
            throws GoTraceFormatException {
        List<List<Generation.Timed>> streams = new ArrayList<>(g.perThread.values());
        int[] next = new int[streams.size()];
        int left = streams.stream().mapToInt(List::size).sum();
        Integer[] byTime = new Integer[streams.size()];
        while (left > 0) {
            int n = 0;
            for (int i = 0; i < streams.size(); i++) {
                if (next[i] < streams.get(i).size()) {
                    byTime[n++] = i;
                }
            }
            java.util.Arrays.sort(byTime, 0, n, (a, b) -> Long.compareUnsigned(streams.get(a).get(next[a]).ticks(),
                    streams.get(b).get(next[b]).ticks()));
            boolean advanced = false;
            for (int k = 0; k < n && !advanced; k++) {
                int i = byTime[k];
                Generation.Timed t = streams.get(i).get(next[i]);
                try {
                    advanced = ordering.advance(t.raw(), t.thread(), g.number, g);
                } catch (Ordering.Invalid e) {
                    throw source.error(t.raw().offset(), e.getMessage() + " (" + t.raw().type().displayName
                            + " on thread " + t.thread() + ", generation " + g.number + ")");
                }
                if (advanced) {
                    next[i]++;
                    left--;
                    out.accept(publish(t, ordering.emitted, g, zeroNs));
                }
            }
            if (!advanced) {
                Generation.Timed stuck = streams.get(byTime[0]).get(next[byTime[0]]);
                throw source.error(stuck.raw().offset(), "broken trace: failed to advance: no thread's next event"
                        + " can happen in generation " + g.number + " (earliest: " + stuck.raw().type().displayName
                        + " on thread " + stuck.thread() + ")");
            }
        }
    }

    private static GoEvent publish(Generation.Timed t, Ordering.Ctx ctx, Generation g, long zeroNs) {
        RawEvent raw = t.raw();
        EventType type = raw.type();
        long[] a = raw.args();
        Map<String, Long> args = new LinkedHashMap<>();
        Map<String, String> strings = new LinkedHashMap<>();
        long stackId = 0;
        for (int i = 1; i < type.argNames.size(); i++) {
            String name = type.argNames.get(i);
            long v = a[i];
            if (name.equals("stack")) {
                stackId = v;
            } else if (name.endsWith("_string")) {
                String s = g.string(v);
                strings.put(name.substring(0, name.length() - "_string".length()), s == null ? "" : s);
            } else {
                args.put(name, v);
            }
        }
        List<Frame> stack = g.stack(stackId);
        GoEventKind kind = type.kind;
        String reason = null;
        if (type == EventType.GO_STOP || type == EventType.GO_BLOCK) {
            reason = strings.get("reason");
            if (type == EventType.GO_STOP && PREEMPTED.equals(reason)) {
                kind = GoEventKind.preempted(stack);
            }
        }
        long ns = g.toNanos(t.ticks()) - zeroNs;
        return new GoEvent(kind, type.displayName, ns, ctx.p() == Ordering.NONE ? GoEvent.NONE : (int) ctx.p(),
                ctx.g() == Ordering.NONE ? 0 : ctx.g(), GoEvent.NONE, ctx.m(), raw.offset(),
                Collections.unmodifiableMap(args), Collections.unmodifiableMap(strings), stackId, stack, reason,
                type.targetG < 0 ? 0 : a[type.targetG], type.targetP < 0 ? GoEvent.NONE : (int) a[type.targetP],
                type.targetThread < 0 ? GoEvent.NONE : a[type.targetThread], g.number);
    }

    /** Nanoseconds since the earliest event, as the v1 decoder reports them. */
    private static List<GoEvent> relativeTimes(List<GoEvent> events) {
        long min = events.stream().mapToLong(GoEvent::tsNs).min().orElse(0);
        List<GoEvent> out = new ArrayList<>(events.size());
        for (GoEvent e : events) {
            out.add(e.at(e.tsNs() - min));
        }
        return Collections.unmodifiableList(out);
    }
}
