package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.GoEventKind;
import java.util.List;

/**
 * The v1 event types (Go 1.5 – 1.21), numbered as on the wire. Names, argument names and the
 * "has a stack" flag follow go1.19 internal/trace, because its {@code -d} dump is the reference
 * decoding; the Go 1.21 renames (GCSTWStart → STWStart) are not applied, so counts compare across
 * versions.
 */
enum EventType {
    NONE(0, "None", 1005, false),
    BATCH(1, "Batch", 1005, false, "p", "ticks"),
    FREQUENCY(2, "Frequency", 1005, false, "freq"),
    STACK(3, "Stack", 1005, false, "id", "siz"),
    GOMAXPROCS(4, "Gomaxprocs", 1005, true, "procs"),
    PROC_START(5, "ProcStart", 1005, false, "thread"),
    PROC_STOP(6, "ProcStop", 1005, false),
    GC_START(7, "GCStart", 1005, true, "seq"),
    GC_DONE(8, "GCDone", 1005, false),
    GC_STW_START(9, "GCSTWStart", 1005, false, "kindid"),
    GC_STW_DONE(10, "GCSTWDone", 1005, false),
    GC_SWEEP_START(11, "GCSweepStart", 1005, true),
    GC_SWEEP_DONE(12, "GCSweepDone", 1005, false, "swept", "reclaimed"),
    GO_CREATE(13, "GoCreate", 1005, true, "g", "stack"),
    GO_START(14, "GoStart", 1005, false, "g", "seq"),
    GO_END(15, "GoEnd", 1005, false),
    GO_STOP(16, "GoStop", 1005, true),
    GO_SCHED(17, "GoSched", 1005, true),
    GO_PREEMPT(18, "GoPreempt", 1005, true),
    GO_SLEEP(19, "GoSleep", 1005, true),
    GO_BLOCK(20, "GoBlock", 1005, true),
    GO_UNBLOCK(21, "GoUnblock", 1005, true, "g", "seq"),
    GO_BLOCK_SEND(22, "GoBlockSend", 1005, true),
    GO_BLOCK_RECV(23, "GoBlockRecv", 1005, true),
    GO_BLOCK_SELECT(24, "GoBlockSelect", 1005, true),
    GO_BLOCK_SYNC(25, "GoBlockSync", 1005, true),
    GO_BLOCK_COND(26, "GoBlockCond", 1005, true),
    GO_BLOCK_NET(27, "GoBlockNet", 1005, true),
    GO_SYSCALL(28, "GoSysCall", 1005, true),
    GO_SYS_EXIT(29, "GoSysExit", 1005, false, "g", "seq", "ts"),
    GO_SYS_BLOCK(30, "GoSysBlock", 1005, false),
    GO_WAITING(31, "GoWaiting", 1005, false, "g"),
    GO_IN_SYSCALL(32, "GoInSyscall", 1005, false, "g"),
    HEAP_ALLOC(33, "HeapAlloc", 1005, false, "mem"),
    HEAP_GOAL(34, "HeapGoal", 1005, false, "mem"),
    TIMER_GOROUTINE(35, "TimerGoroutine", 1005, false, "g"),
    FUTILE_WAKEUP(36, "FutileWakeup", 1005, false),
    STRING(37, "String", 1007, false),
    GO_START_LOCAL(38, "GoStartLocal", 1007, false, "g"),
    GO_UNBLOCK_LOCAL(39, "GoUnblockLocal", 1007, true, "g"),
    GO_SYS_EXIT_LOCAL(40, "GoSysExitLocal", 1007, false, "g", "ts"),
    GO_START_LABEL(41, "GoStartLabel", 1008, false, "g", "seq", "labelid"),
    GO_BLOCK_GC(42, "GoBlockGC", 1008, true),
    GC_MARK_ASSIST_START(43, "GCMarkAssistStart", 1009, true),
    GC_MARK_ASSIST_DONE(44, "GCMarkAssistDone", 1009, false),
    USER_TASK_CREATE(45, "UserTaskCreate", 1011, true, "taskid", "pid", "typeid"),
    USER_TASK_END(46, "UserTaskEnd", 1011, true, "taskid"),
    USER_REGION(47, "UserRegion", 1011, true, "taskid", "mode", "typeid"),
    USER_LOG(48, "UserLog", 1011, true, "id", "keyid"),
    CPU_SAMPLE(49, "CPUSample", 1019, true, "ts", "p", "g");

    private static final EventType[] BY_CODE = values();

    final int code;
    final String displayName;
    /** First trace version (1000*major+minor) whose runtime writes this type. */
    final int minVersion;
    /** The last wire argument is a stack id. */
    final boolean hasStack;
    final List<String> argNames;

    /** What the event means; GoPreempt's mechanism is told by its stack at publication. */
    final GoEventKind kind;
    /** Why a goroutine blocked, in the words the v2 tracer uses for the same parks; null when it did not. */
    final String blockReason;
    /** Index of the argument naming the goroutine the event acts on, or -1. */
    final int targetG;

    EventType(int code, String displayName, int minVersion, boolean hasStack, String... argNames) {
        this.code = code;
        this.displayName = displayName;
        this.minVersion = minVersion;
        this.hasStack = hasStack;
        this.argNames = List.of(argNames);
        this.blockReason = switch (displayName) {
            case "GoStop" -> "forever";
            case "GoSleep" -> "sleep";
            case "GoBlock" -> "unspecified";
            case "GoBlockSend" -> "chan send";
            case "GoBlockRecv" -> "chan receive";
            case "GoBlockSelect" -> "select";
            case "GoBlockSync" -> "sync";
            case "GoBlockCond" -> "sync.(*Cond).Wait";
            case "GoBlockNet" -> "network";
            case "GoBlockGC" -> "GC mark assist wait for work";
            default -> null;
        };
        this.kind = blockReason != null ? GoEventKind.GO_BLOCKED : kindOf(displayName);
        this.targetG = this.argNames.indexOf("g");
    }

    private static GoEventKind kindOf(String name) {
        return switch (name) {
            case "Gomaxprocs" -> GoEventKind.PROCS_CHANGED;
            case "ProcStart" -> GoEventKind.PROC_STARTED;
            case "ProcStop" -> GoEventKind.PROC_STOPPED;
            case "GCStart" -> GoEventKind.GC_STARTED;
            case "GCDone" -> GoEventKind.GC_DONE;
            case "GCSTWStart" -> GoEventKind.STW_STARTED;
            case "GCSTWDone" -> GoEventKind.STW_DONE;
            case "GCSweepStart" -> GoEventKind.GC_SWEEP_STARTED;
            case "GCSweepDone" -> GoEventKind.GC_SWEEP_DONE;
            case "GoCreate" -> GoEventKind.GO_CREATED;
            case "GoStart", "GoStartLocal", "GoStartLabel" -> GoEventKind.GO_STARTED;
            case "GoEnd" -> GoEventKind.GO_EXITED;
            case "GoSched" -> GoEventKind.GO_YIELDED;
            case "GoPreempt" -> GoEventKind.GO_PREEMPTED_COOPERATIVE;
            case "GoUnblock", "GoUnblockLocal" -> GoEventKind.GO_UNBLOCKED;
            case "GoSysCall" -> GoEventKind.SYSCALL_ENTERED;
            // GoSysExit is only written after the P was taken (GoSysBlock): the goroutine waits for one.
            case "GoSysExit", "GoSysExitLocal" -> GoEventKind.SYSCALL_EXITED_BLOCKED;
            case "GoSysBlock" -> GoEventKind.SYSCALL_BLOCKED;
            case "GoWaiting", "GoInSyscall" -> GoEventKind.GO_STATUS;
            case "HeapAlloc" -> GoEventKind.HEAP_ALLOC;
            case "HeapGoal" -> GoEventKind.HEAP_GOAL;
            case "GCMarkAssistStart" -> GoEventKind.GC_MARK_ASSIST_STARTED;
            case "GCMarkAssistDone" -> GoEventKind.GC_MARK_ASSIST_DONE;
            case "UserTaskCreate", "UserTaskEnd", "UserRegion", "UserLog" -> GoEventKind.USER_ANNOTATION;
            case "CPUSample" -> GoEventKind.CPU_SAMPLE;
            default -> GoEventKind.OTHER;
        };
    }

    /** The types of one trace version by wire code (null where there is none), looked up per event. */
    static EventType[] table(int version) {
        EventType[] t = new EventType[64];
        for (int code = 0; code < t.length; code++) {
            t[code] = forCode(code, version);
        }
        return t;
    }

    /** The type with this wire code, or null when there is none for the trace version. */
    static EventType forCode(int code, int version) {
        if (code <= 0 || code >= BY_CODE.length) {
            return null;
        }
        EventType t = BY_CODE[code];
        return t.minVersion <= version ? t : null;
    }

    /**
     * Number of wire arguments the parser requires, timestamp (and 1.5's sequence) included;
     * Stack events are variable and checked separately.
     */
    int wireArgCount(int version) {
        int n = argNames.size() + (hasStack ? 1 : 0);
        boolean old = version < 1007;
        switch (this) {
            case BATCH, FREQUENCY, TIMER_GOROUTINE -> {
                return old ? n + 1 : n; // 1.5 wrote an unused word after these
            }
            default -> { }
        }
        n += old ? 2 : 1; // timestamp delta, and 1.5's per-P sequence number
        switch (this) {
            case GC_SWEEP_DONE -> n -= version < 1009 ? 2 : 0;
            case GC_START, GO_START, GO_UNBLOCK -> n -= old ? 1 : 0;
            case GC_STW_START -> n -= version < 1010 ? 1 : 0;
            default -> { }
        }
        return n;
    }
}
