package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.Frame;
import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoEventKind;
import io.preemptscope.gotrace.GoTrace;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.gotrace.GoVersionRange;
import io.preemptscope.gotrace.TraceFiles;
import io.preemptscope.gotrace.TraceReleases;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import io.preemptscope.util.LongMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Decodes a v1 Go execution trace (headers go 1.5 … 1.21) into the ordered, validated event
 * stream that go1.19's internal/trace produces, so results can be checked against
 * {@code go tool trace -d}.
 */
public final class V1Decoder {
    public static final String FORMAT = "gotrace-v1";
    /** The first release that writes this format. */
    private static final String FORMAT_SINCE = "1.5";

    private V1Decoder() {}

    public static GoTrace decode(Path file) throws IOException, GoTraceFormatException {
        return decode(TraceFiles.readBytes(file));
    }

    public static GoTrace decode(byte[] data) throws GoTraceFormatException {
        int version = Versions.parseHeader(data);
        TraceIndex index = TraceIndex.read(data, version);
        List<V1Event> events = ordered(index);
        Clock clock = new Clock(index.ticksPerSecond, index.timerGoroutines);
        for (V1Event ev : events) {
            clock.accept(ev);
        }
        events = Consistency.removeFutile(events);
        Consistency.check(version, events);
        List<GoEvent> out = new ArrayList<>(events.size());
        ProcMs procMs = new ProcMs();
        for (V1Event e : events) {
            out.add(publish(e, index.stacks, procMs));
        }
        return header(version, index, Collections.unmodifiableList(out));
    }

    /** As {@link #stream(byte[], Consumer, LongConsumer)}, without counting the events first. */
    public static GoTrace stream(byte[] data, Consumer<GoEvent> sink) throws GoTraceFormatException {
        return stream(data, sink, events -> { });
    }

    /**
     * Decodes the trace and hands its events to {@code sink} one at a time, in the order and with
     * the values {@link #decode(byte[])} lists them, but without holding them: memory stays near
     * the file's size whatever the event count. The one difference is where a GoSysExit sits: it
     * gets its real exit time in place, where the list moves it back among the events of that time.
     * Go 1.5/1.6 traces (one global sort) and traces with FutileWakeup events (removing them needs
     * look-ahead) are decoded whole first.
     *
     * @param indexed learns how many events the trace holds (before futile wakeups are removed) once
     *     the first pass is done: what a progress bar needs
     * @return the trace with an empty event list: what the sink did not see
     */
    public static GoTrace stream(byte[] data, Consumer<GoEvent> sink, LongConsumer indexed)
            throws GoTraceFormatException {
        int version = Versions.parseHeader(data);
        TraceIndex index = TraceIndex.read(data, version);
        indexed.accept(index.timedEvents);
        GoTrace header = header(version, index, List.of());
        if (version < 1007 || index.futileWakeups) {
            decode(data).events().forEach(sink);
            return header;
        }
        TimeOrder timeOrder = new TimeOrder();
        SyscallExitTimes exits = new SyscallExitTimes();
        Clock clock = new Clock(index.ticksPerSecond, index.timerGoroutines);
        Consistency consistency = new Consistency(version);
        ProcMs procMs = new ProcMs();
        // The checks run beside the merge; this thread only publishes and summarizes.
        MergeThread.run(index.cursors(), ev -> {
            timeOrder.accept(ev);
            exits.accept(ev);
            clock.accept(ev);
            consistency.accept(ev);
        }, ev -> sink.accept(publish(ev, index.stacks, procMs)));
        return header;
    }

    private static GoTrace header(int version, TraceIndex index, List<GoEvent> events) {
        String name = Versions.name(version);
        GoVersionRange releases = switch (name) {
            case "1.5" -> TraceReleases.header(name, "1.5", "1.6");
            case "1.11" -> TraceReleases.header(name, "1.11", "1.18");
            case "1.19" -> TraceReleases.header(name, "1.19", "1.20");
            default -> TraceReleases.header(name, name, name);
        };
        return new GoTrace(FORMAT, name, releases, FORMAT_SINCE, index.ticksPerSecond, 1, events,
                Set.copyOf(index.timerGoroutines));
    }

    /** Merged, time-checked, GoSysExit at its real time, sorted by time: Go's order step. */
    private static List<V1Event> ordered(TraceIndex index) throws GoTraceFormatException {
        if (index.version < 1007) {
            return Order.order1005(index.cursors());
        }
        List<V1Event> events = new ArrayList<>();
        Order.order1007(index.cursors(), events::add);
        TimeOrder timeOrder = new TimeOrder();
        SyscallExitTimes exits = new SyscallExitTimes();
        for (V1Event ev : events) {
            timeOrder.accept(ev);
        }
        for (V1Event ev : events) {
            exits.accept(ev);
        }
        events.sort((x, y) -> Long.compare(x.ts, y.ts));
        return events;
    }

    private static GoEvent publish(V1Event e, LongMap<List<Frame>> stacks, ProcMs procMs) {
        EventType type = e.type;
        // The event's own array: nothing changes it once the events are published.
        Map<String, Long> args = type.argNames.isEmpty() ? Map.of() : new ArgMap(type.argNames, e.args);
        Map<String, String> stringArgs = Map.of();
        if (e.stringArgs.length > 0) {
            List<String> sNames = stringArgNames(type);
            stringArgs = new LinkedHashMap<>();
            for (int i = 0; i < sNames.size() && i < e.stringArgs.length; i++) {
                stringArgs.put(sNames.get(i), e.stringArgs[i]);
            }
        }
        List<Frame> stack = e.stackId == 0 ? List.of() : stacks.get(e.stackId);
        if (stack == null) {
            stack = List.of();
        }
        GoEventKind kind = type == EventType.GO_PREEMPT ? GoEventKind.preempted(stack) : type.kind;
        long targetG = type.targetG < 0 ? 0 : e.args[type.targetG];
        return new GoEvent(kind, type.displayName, e.ts, e.p, e.g, procMs.mOf(e), GoEvent.NONE, e.offset, args,
                stringArgs, e.stackId, stack, type.blockReason, targetG, GoEvent.NONE, GoEvent.NONE, 0);
    }
    private static List<String> stringArgNames(EventType t) {
        return switch (t) {
            case GC_STW_START -> List.of("kind");
            case GO_START_LABEL -> List.of("label");
            case USER_TASK_CREATE, USER_REGION -> List.of("name");
            case USER_LOG -> List.of("category", "message");
            default -> List.of();
        };
    }
}
