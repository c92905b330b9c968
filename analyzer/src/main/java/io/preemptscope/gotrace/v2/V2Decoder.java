package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.Frame;
import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.gotrace.TraceFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes a Go 1.22+ execution trace, binary or text, into validated events in Go's order: per
 * generation, the per-thread streams are merged by time wherever the scheduler state allows (see
 * {@link Ordering}), exactly one event at a time, so a broken trace fails at the first event that
 * cannot happen.
 */
public final class V2Decoder {
    public static final String FORMAT = "gotrace-v2";
    public static final String TEXT_FORMAT = "gotrace-v2-text";

    private V2Decoder() {}

    /** Binary v2 traces by header, text traces by their first line. */
    public static boolean accepts(byte[] prefix) {
        return TraceVersion.isV2Header(prefix) || TextReader.looksLikeText(prefix);
    }

    public static V2Trace decode(Path file) throws IOException, GoTraceFormatException {
        return decode(TraceFiles.readBytes(file));
    }

    public static V2Trace decode(byte[] data) throws GoTraceFormatException {
        if (TextReader.looksLikeText(java.util.Arrays.copyOf(data, Math.min(data.length, 64)))) {
            TextTrace text = TextReader.read(new String(data, StandardCharsets.UTF_8));
            return decode(text.source(), TEXT_FORMAT);
        }
        return decode(new BinaryReader(data), FORMAT);
    }

    static V2Trace decode(RawSource source, String format) throws GoTraceFormatException {
        GenerationReader generations = new GenerationReader(source);
        Ordering ordering = new Ordering();
        List<V2Event> out = new ArrayList<>();
        long freq = 0;
        int count = 0;
        for (Generation g = generations.next(); g != null; g = generations.next()) {
            count++;
            freq = g.ticksPerSecond;
            order(g, ordering, out::add, source);
        }
        return new V2Trace(format, source.minor(), count, freq, relativeTimes(out));
    }

    /**
     * Decodes the trace and hands its events to {@code sink} one at a time, as {@link #decode(byte[])}
     * lists them, holding one generation at a time. A first pass finds the earliest time (the
     * zero of the relative times); a trace that fails fails in the second, where the list would.
     *
     * @return the trace with an empty event list and the generation count: what the sink did not see
     */
    public static V2Trace stream(byte[] data, Consumer<V2Event> sink) throws GoTraceFormatException {
        Sources sources;
        String format;
        if (TextReader.looksLikeText(java.util.Arrays.copyOf(data, Math.min(data.length, 64)))) {
            TextTrace text = TextReader.read(new String(data, StandardCharsets.UTF_8));
            sources = text::source;
            format = TEXT_FORMAT;
        } else {
            sources = () -> new BinaryReader(data);
            format = FORMAT;
        }
        long earliest = earliest(sources.get());
        RawSource source = sources.get();
        GenerationReader generations = new GenerationReader(source);
        Ordering ordering = new Ordering();
        long freq = 0;
        int count = 0;
        for (Generation g = generations.next(); g != null; g = generations.next()) {
            count++;
            freq = g.ticksPerSecond;
            order(g, ordering, v -> sink.accept(relative(v, earliest)), source);
        }
        return new V2Trace(format, source.minor(), count, freq, List.of());
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
    private static void order(Generation g, Ordering ordering, Consumer<V2Event> out, RawSource source)
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
                    out.accept(publish(t, ordering.emitted, g));
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

    private static V2Event publish(Generation.Timed t, Ordering.Ctx ctx, Generation g) {
        RawEvent raw = t.raw();
        EventType type = raw.type();
        Map<String, Long> args = new LinkedHashMap<>();
        Map<String, String> strings = new LinkedHashMap<>();
        long stackId = 0;
        for (int i = 1; i < type.argNames.size(); i++) {
            String name = type.argNames.get(i);
            long v = raw.args()[i];
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
        long ns = g.toNanos(t.ticks());
        GoEvent e = new GoEvent(ns, type.displayName, ctx.p() == Ordering.NONE ? -1 : (int) ctx.p(),
                ctx.g() == Ordering.NONE ? 0 : ctx.g(), raw.offset(), Collections.unmodifiableMap(args),
                Collections.unmodifiableMap(strings), stackId, stack);
        return new V2Event(e, ctx.m(), g.number);
    }

    /** Nanoseconds since the earliest event, as the v1 decoder reports them. */
    private static List<V2Event> relativeTimes(List<V2Event> events) {
        long min = events.stream().mapToLong(e -> e.event().tsNs()).min().orElse(0);
        List<V2Event> out = new ArrayList<>(events.size());
        for (V2Event v : events) {
            out.add(relative(v, min));
        }
        return Collections.unmodifiableList(out);
    }

    private static V2Event relative(V2Event v, long zeroNs) {
        GoEvent e = v.event();
        return new V2Event(new GoEvent(e.tsNs() - zeroNs, e.type(), e.p(), e.g(), e.offset(), e.args(),
                e.stringArgs(), e.stackId(), e.stack()), v.thread(), v.generation());
    }
}
