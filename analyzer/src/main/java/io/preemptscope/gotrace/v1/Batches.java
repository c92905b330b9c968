package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.FakeP;
import io.preemptscope.gotrace.Frame;
import io.preemptscope.gotrace.GoTraceFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gives raw events their meaning (Go's parseEvents): absolute timestamps from the per-batch
 * deltas, the implicit current goroutine of each P, the string and stack tables, and one event
 * list per P for the ordering step.
 */
final class Batches {
    /** A stack this deep is damage, not a program (the runtime caps stacks far lower). */
    private static final long MAX_FRAMES = 1000;

    final int version;
    final Map<Long, String> strings = new HashMap<>();
    final Map<Long, List<Frame>> stacks = new HashMap<>();
    final Set<Long> timerGoroutines = new HashSet<>();
    /** Keyed by P; sorted so the merge does not depend on hash order. */
    final TreeMap<Integer, List<V1Event>> perP = new TreeMap<>();
    long ticksPerSecond;
    int frequencyOffset = -1;

    private final Map<Integer, Long> lastGs = new HashMap<>();
    private int lastP;
    private long lastG;
    private long lastTs;
    private long lastSeq;

    Batches(int version) {
        this.version = version;
    }

    static Batches read(WireReader reader, int version) throws GoTraceFormatException {
        Batches b = new Batches(version);
        // Strings may be defined after the stacks and events that use them: read them all first.
        List<RawEvent> raws = new ArrayList<>();
        while (!reader.atEnd()) {
            RawEvent raw = reader.next();
            if (raw.type() == EventType.STRING) {
                if (b.strings.putIfAbsent(raw.args()[0], raw.text()) != null) {
                    throw new GoTraceFormatException(raw.offset(), "string id " + raw.args()[0] + " is defined twice");
                }
            } else {
                raws.add(raw);
            }
        }
        for (RawEvent raw : raws) {
            b.add(raw);
        }
        if (b.perP.isEmpty()) {
            throw new GoTraceFormatException(reader.position(), "trace has no events: expected at least one batch");
        }
        if (b.ticksPerSecond == 0) {
            throw new GoTraceFormatException(reader.position(),
                    "end of file without a Frequency event: expected one to convert ticks to time");
        }
        List<V1Event> samples = b.perP.get(FakeP.PROFILE);
        if (samples != null) {
            // Samples are written late, by another goroutine: put them in signal-handler time order.
            samples.sort((x, y) -> Long.compare(x.ts, y.ts));
        }
        return b;
    }

    private void add(RawEvent raw) throws GoTraceFormatException {
        EventType type = raw.type();
        long[] a = raw.args();
        if (type == EventType.STACK) {
            addStack(raw);
            return;
        }
        int want = type.wireArgCount(version);
        if (a.length != want) {
            throw new GoTraceFormatException(raw.offset(), type.displayName + " has " + a.length
                    + " arguments, expected " + want);
        }
        switch (type) {
            case BATCH -> {
                lastGs.put(lastP, lastG);
                lastP = (int) a[0]; // 2^64-1 is the global buffer: -1, as Go's int() gives
                lastG = lastGs.getOrDefault(lastP, 0L);
                if (version < 1007) {
                    lastSeq = a[1];
                    lastTs = a[2];
                } else {
                    lastTs = a[1];
                }
            }
            case FREQUENCY -> {
                ticksPerSecond = a[0];
                frequencyOffset = raw.offset();
                if (ticksPerSecond <= 0) {
                    throw new GoTraceFormatException(raw.offset(), "Frequency is " + Long.toUnsignedString(a[0])
                            + " ticks/s: expected a positive value");
                }
            }
            case TIMER_GOROUTINE -> timerGoroutines.add(a[0]);
            default -> addTimed(raw);
        }
    }

    private void addStack(RawEvent raw) throws GoTraceFormatException {
        long[] a = raw.args();
        if (a.length < 2) {
            throw new GoTraceFormatException(raw.offset(), "Stack has " + a.length
                    + " arguments, expected at least 2 (id, frame count)");
        }
        long size = a[1];
        if (size < 0 || size > MAX_FRAMES) {
            throw new GoTraceFormatException(raw.offset(), "Stack has " + Long.toUnsignedString(size)
                    + " frames, expected at most " + MAX_FRAMES);
        }
        int perFrame = version < 1007 ? 1 : 4;
        long want = 2 + perFrame * size;
        if (a.length != want) {
            throw new GoTraceFormatException(raw.offset(), "Stack with " + size + " frames has "
                    + a.length + " arguments, expected " + want);
        }
        long id = a[0];
        if (id == 0 || size == 0) {
            return;
        }
        List<Frame> frames = new ArrayList<>((int) size);
        for (int i = 0; i < size; i++) {
            if (perFrame == 1) {
                frames.add(new Frame(a[2 + i], "", "", 0));
            } else {
                int k = 2 + 4 * i;
                frames.add(new Frame(a[k], strings.getOrDefault(a[k + 1], ""),
                        strings.getOrDefault(a[k + 2], ""), (int) a[k + 3]));
            }
        }
        stacks.put(id, List.copyOf(frames));
    }

    private void addTimed(RawEvent raw) throws GoTraceFormatException {
        EventType type = raw.type();
        long[] a = raw.args();
        V1Event e = new V1Event(raw.offset(), type, lastP, lastG);
        int argOffset;
        if (version < 1007) {
            e.seq = lastSeq + a[0];
            e.ts = lastTs + a[1];
            lastSeq = e.seq;
            argOffset = 2;
        } else {
            e.ts = lastTs + a[0];
            argOffset = 1;
        }
        lastTs = e.ts;
        for (int i = argOffset; i < a.length; i++) {
            if (i == a.length - 1 && type.hasStack) {
                e.stackId = a[i];
            } else {
                e.args[i - argOffset] = a[i];
            }
        }
        switch (type) {
            case GO_START, GO_START_LOCAL, GO_START_LABEL -> {
                lastG = e.args[0];
                e.g = lastG;
                if (type == EventType.GO_START_LABEL) {
                    e.stringArgs = new String[] {string(e.args[2])};
                }
            }
            case GC_STW_START -> {
                e.g = 0;
                e.stringArgs = new String[] {stwKind(e)};
            }
            case GC_START, GC_DONE, GC_STW_DONE -> e.g = 0;
            case GO_END, GO_STOP, GO_SCHED, GO_PREEMPT, GO_SLEEP, GO_BLOCK, GO_BLOCK_SEND, GO_BLOCK_RECV,
                    GO_BLOCK_SELECT, GO_BLOCK_SYNC, GO_BLOCK_COND, GO_BLOCK_NET, GO_SYS_BLOCK, GO_BLOCK_GC ->
                    lastG = 0;
            // Only the plain GoSysExit names its goroutine here, as in Go's parser.
            case GO_SYS_EXIT, GO_WAITING, GO_IN_SYSCALL -> e.g = e.args[0];
            case USER_TASK_CREATE, USER_REGION -> e.stringArgs = new String[] {string(e.args[2])};
            case USER_LOG -> e.stringArgs = new String[] {string(e.args[1]), raw.text()};
            case CPU_SAMPLE -> {
                e.ts = e.args[0];
                e.p = (int) e.args[1];
                e.g = e.args[2];
                e.args[0] = 0;
            }
            default -> { }
        }
        int batch = type == EventType.CPU_SAMPLE ? FakeP.PROFILE : lastP;
        perP.computeIfAbsent(batch, k -> new ArrayList<>()).add(e);
    }

    private String string(long id) {
        return strings.getOrDefault(id, "");
    }

    private String stwKind(V1Event e) throws GoTraceFormatException {
        long kind = e.args[0];
        if (version >= 1021) {
            return kind >= 0 && kind < STW_REASONS_1_21.length ? STW_REASONS_1_21[(int) kind] : "unknown";
        }
        if (kind == 0) {
            return "mark termination";
        } else if (kind == 1) {
            return "sweep termination";
        }
        throw new GoTraceFormatException(e.offset, "unknown STW kind " + kind + ": expected 0 or 1");
    }

    /** Go 1.21's stwReason values, which the STW kind argument became. */
    private static final String[] STW_REASONS_1_21 = {
        "unknown", "GC mark termination", "GC sweep termination", "write heap dump", "goroutine profile",
        "goroutine profile cleanup", "all goroutines stack trace", "read mem stats", "AllThreadsSyscall",
        "GOMAXPROCS", "start trace", "stop trace", "for TestCountPagesInUse (test)",
        "for TestReadMetricsSlow (test)", "for TestReadMemStatsSlow (test)", "for TestPageCacheLeak (test)",
        "for TestResetDebugLog (test)"
    };
}
