package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.FakeP;
import io.preemptscope.gotrace.Frame;
import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTrace;
import io.preemptscope.gotrace.GoTraceFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a v1 Go execution trace (headers go 1.5 … 1.21) into the ordered, validated event
 * stream that go1.19's internal/trace produces, so results can be checked against
 * {@code go tool trace -d}.
 */
public final class V1Decoder {
    public static final String FORMAT = "gotrace-v1";

    private V1Decoder() {}

    /** True when the bytes start like a Go trace ("go 1."), whatever its version. */
    public static boolean looksLikeGoTrace(byte[] prefix) {
        return prefix.length >= 5 && Versions.startsWithGo(prefix);
    }

    public static GoTrace decode(Path file) throws IOException, GoTraceFormatException {
        return decode(Files.readAllBytes(file));
    }

    public static GoTrace decode(byte[] data) throws GoTraceFormatException {
        int version = Versions.parseHeader(data);
        Batches batches = Batches.read(new WireReader(data, Versions.HEADER_LENGTH, version), version);
        List<List<V1Event>> perP = new ArrayList<>(batches.perP.values());
        List<V1Event> events = version < 1007 ? Order.order1005(perP) : Order.order1007(perP);
        toNanos(events, batches);
        events = Consistency.removeFutile(events);
        Consistency.check(version, events);
        List<GoEvent> out = new ArrayList<>(events.size());
        for (V1Event e : events) {
            out.add(publish(e, batches.stacks));
        }
        return new GoTrace(FORMAT, Versions.name(version), batches.ticksPerSecond, Collections.unmodifiableList(out),
                java.util.Set.copyOf(batches.timerGoroutines));
    }

    /** Ticks to nanoseconds since the first event, in floating point as Go does (no overflow). */
    private static void toNanos(List<V1Event> events, Batches batches) {
        if (events.isEmpty()) {
            return;
        }
        long minTs = events.get(0).ts;
        double nsPerTick = 1e9 / (double) batches.ticksPerSecond;
        for (V1Event ev : events) {
            ev.ts = (long) ((double) (ev.ts - minTs) * nsPerTick);
            if (ev.type == EventType.GO_UNBLOCK && batches.timerGoroutines.contains(ev.g)) {
                ev.p = FakeP.TIMER;
            }
            if (ev.type == EventType.GO_SYS_EXIT) {
                ev.p = FakeP.SYSCALL;
            }
        }
    }

    private static GoEvent publish(V1Event e, Map<Long, List<Frame>> stacks) {
        // The event's own array: nothing changes it once the events are published.
        Map<String, Long> args = e.type.argNames.isEmpty() ? Map.of() : new ArgMap(e.type.argNames, e.args);
        Map<String, String> stringArgs = Map.of();
        if (e.stringArgs.length > 0) {
            List<String> sNames = stringArgNames(e.type);
            stringArgs = new LinkedHashMap<>();
            for (int i = 0; i < sNames.size() && i < e.stringArgs.length; i++) {
                stringArgs.put(sNames.get(i), e.stringArgs[i]);
            }
        }
        List<Frame> stack = e.stackId == 0 ? List.of() : stacks.getOrDefault(e.stackId, List.of());
        return new GoEvent(e.ts, e.type.displayName, e.p, e.g, e.offset, args,
                stringArgs, e.stackId, stack);
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
