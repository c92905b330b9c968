package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.GoTraceFormatException;

/**
 * Gives a framed event its meaning (the per-event half of Go's parseEvents): the absolute time
 * from the batch's deltas, the goroutine the P runs, and the arguments named by string id.
 */
final class TimedEvents {
    private TimedEvents() {}

    static V1Event decode(WireEvent raw, BatchState batch, TraceIndex index) throws GoTraceFormatException {
        EventType type = raw.type;
        long[] a = raw.args;
        int n = raw.argCount;
        V1Event e = new V1Event(raw.offset, type, batch.p, batch.g);
        int argOffset;
        if (index.version < 1007) {
            e.seq = batch.seq + a[0];
            e.ts = batch.ts + a[1];
            batch.seq = e.seq;
            argOffset = 2;
        } else {
            e.ts = batch.ts + a[0];
            argOffset = 1;
        }
        batch.ts = e.ts;
        for (int i = argOffset; i < n; i++) {
            if (i == n - 1 && type.hasStack) {
                e.stackId = a[i];
            } else {
                e.args[i - argOffset] = a[i];
            }
        }
        switch (type) {
            case GO_START, GO_START_LOCAL, GO_START_LABEL -> {
                batch.g = e.args[0];
                e.g = batch.g;
                if (type == EventType.GO_START_LABEL) {
                    e.stringArgs = new String[] {index.string(e.args[2])};
                }
            }
            case GC_STW_START -> {
                e.g = 0;
                e.stringArgs = new String[] {stwKind(e, index.version)};
            }
            case GC_START, GC_DONE, GC_STW_DONE -> e.g = 0;
            case GO_END, GO_STOP, GO_SCHED, GO_PREEMPT, GO_SLEEP, GO_BLOCK, GO_BLOCK_SEND, GO_BLOCK_RECV,
                    GO_BLOCK_SELECT, GO_BLOCK_SYNC, GO_BLOCK_COND, GO_BLOCK_NET, GO_SYS_BLOCK, GO_BLOCK_GC ->
                    batch.g = 0;
            // Only the plain GoSysExit names its goroutine here, as in Go's parser.
            case GO_SYS_EXIT, GO_WAITING, GO_IN_SYSCALL -> e.g = e.args[0];
            case USER_TASK_CREATE, USER_REGION -> e.stringArgs = new String[] {index.string(e.args[2])};
            case USER_LOG -> e.stringArgs = new String[] {index.string(e.args[1]), raw.text};
            case CPU_SAMPLE -> {
                e.ts = e.args[0];
                e.p = (int) e.args[1];
                e.g = e.args[2];
                e.args[0] = 0;
            }
            default -> { }
        }
        return e;
    }

    private static String stwKind(V1Event e, int version) throws GoTraceFormatException {
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
