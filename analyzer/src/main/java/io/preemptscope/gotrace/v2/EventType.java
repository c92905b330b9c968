package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoEventKind;
import java.util.List;

/**
 * The v2 event table (Go 1.22+): wire code, the name {@code go tool trace} prints, argument names in
 * wire order, and which arguments are stack or string ids. The names and their order are what the
 * text format spells out, so the same table drives the binary and the text reader.
 */
public enum EventType {
    EVENT_BATCH(1, "EventBatch", 22, Shape.PLAIN, "gen", "m", "time", "size"),
    STACKS(2, "Stacks", 22, Shape.PLAIN),
    STACK(3, "Stack", 22, Shape.STACK, "id", "nframes"),
    STRINGS(4, "Strings", 22, Shape.PLAIN),
    STRING(5, "String", 22, Shape.DATA, "id"),
    CPU_SAMPLES(6, "CPUSamples", 22, Shape.PLAIN),
    CPU_SAMPLE(7, "CPUSample", 22, Shape.PLAIN, "time", "m", "p", "g", "stack"),
    FREQUENCY(8, "Frequency", 22, Shape.PLAIN, "freq"),
    PROCS_CHANGE(9, "ProcsChange", 22, Shape.TIMED, "dt", "procs_value", "stack"),
    PROC_START(10, "ProcStart", 22, Shape.TIMED, "dt", "p", "p_seq"),
    PROC_STOP(11, "ProcStop", 22, Shape.TIMED, "dt"),
    PROC_STEAL(12, "ProcSteal", 22, Shape.TIMED, "dt", "p", "p_seq", "m"),
    PROC_STATUS(13, "ProcStatus", 22, Shape.TIMED, "dt", "p", "pstatus"),
    GO_CREATE(14, "GoCreate", 22, Shape.TIMED, "dt", "new_g", "new_stack", "stack"),
    GO_CREATE_SYSCALL(15, "GoCreateSyscall", 22, Shape.TIMED, "dt", "new_g"),
    GO_START(16, "GoStart", 22, Shape.TIMED, "dt", "g", "g_seq"),
    GO_DESTROY(17, "GoDestroy", 22, Shape.TIMED, "dt"),
    GO_DESTROY_SYSCALL(18, "GoDestroySyscall", 22, Shape.TIMED, "dt"),
    GO_STOP(19, "GoStop", 22, Shape.TIMED, "dt", "reason_string", "stack"),
    GO_BLOCK(20, "GoBlock", 22, Shape.TIMED, "dt", "reason_string", "stack"),
    GO_UNBLOCK(21, "GoUnblock", 22, Shape.TIMED, "dt", "g", "g_seq", "stack"),
    GO_SYSCALL_BEGIN(22, "GoSyscallBegin", 22, Shape.TIMED, "dt", "p_seq", "stack"),
    GO_SYSCALL_END(23, "GoSyscallEnd", 22, Shape.TIMED, "dt"),
    GO_SYSCALL_END_BLOCKED(24, "GoSyscallEndBlocked", 22, Shape.TIMED, "dt"),
    GO_STATUS(25, "GoStatus", 22, Shape.TIMED, "dt", "g", "m", "gstatus"),
    STW_BEGIN(26, "STWBegin", 22, Shape.TIMED, "dt", "kind_string", "stack"),
    STW_END(27, "STWEnd", 22, Shape.TIMED, "dt"),
    GC_ACTIVE(28, "GCActive", 22, Shape.TIMED, "dt", "gc_seq"),
    GC_BEGIN(29, "GCBegin", 22, Shape.TIMED, "dt", "gc_seq", "stack"),
    GC_END(30, "GCEnd", 22, Shape.TIMED, "dt", "gc_seq"),
    GC_SWEEP_ACTIVE(31, "GCSweepActive", 22, Shape.TIMED, "dt", "p"),
    GC_SWEEP_BEGIN(32, "GCSweepBegin", 22, Shape.TIMED, "dt", "stack"),
    GC_SWEEP_END(33, "GCSweepEnd", 22, Shape.TIMED, "dt", "swept_value", "reclaimed_value"),
    GC_MARK_ASSIST_ACTIVE(34, "GCMarkAssistActive", 22, Shape.TIMED, "dt", "g"),
    GC_MARK_ASSIST_BEGIN(35, "GCMarkAssistBegin", 22, Shape.TIMED, "dt", "stack"),
    GC_MARK_ASSIST_END(36, "GCMarkAssistEnd", 22, Shape.TIMED, "dt"),
    HEAP_ALLOC(37, "HeapAlloc", 22, Shape.TIMED, "dt", "heapalloc_value"),
    HEAP_GOAL(38, "HeapGoal", 22, Shape.TIMED, "dt", "heapgoal_value"),
    GO_LABEL(39, "GoLabel", 22, Shape.TIMED, "dt", "label_string"),
    USER_TASK_BEGIN(40, "UserTaskBegin", 22, Shape.TIMED, "dt", "task", "parent_task", "name_string", "stack"),
    USER_TASK_END(41, "UserTaskEnd", 22, Shape.TIMED, "dt", "task", "stack"),
    USER_REGION_BEGIN(42, "UserRegionBegin", 22, Shape.TIMED, "dt", "task", "name_string", "stack"),
    USER_REGION_END(43, "UserRegionEnd", 22, Shape.TIMED, "dt", "task", "name_string", "stack"),
    USER_LOG(44, "UserLog", 22, Shape.TIMED, "dt", "task", "key_string", "value_string", "stack"),
    GO_SWITCH(45, "GoSwitch", 23, Shape.TIMED, "dt", "g", "g_seq"),
    GO_SWITCH_DESTROY(46, "GoSwitchDestroy", 23, Shape.TIMED, "dt", "g", "g_seq"),
    GO_CREATE_BLOCKED(47, "GoCreateBlocked", 23, Shape.TIMED, "dt", "new_g", "new_stack", "stack"),
    GO_STATUS_STACK(48, "GoStatusStack", 23, Shape.TIMED, "dt", "g", "m", "gstatus", "stack"),
    // The experiment id is one raw byte on the wire, not a varint; see BinaryReader.
    EXPERIMENTAL_BATCH(49, "ExperimentalBatch", 23, Shape.DATA, "exp", "gen", "m", "time"),
    SYNC(50, "Sync", 25, Shape.PLAIN),
    CLOCK_SNAPSHOT(51, "ClockSnapshot", 25, Shape.TIMED, "dt", "mono", "sec", "nsec"),
    END_OF_GENERATION(52, "EndOfGeneration", 26, Shape.PLAIN),
    // Experimental AllocFree events (GOEXPERIMENT=traceallocfree), only inside ExperimentalBatch data.
    SPAN(128, "Span", 23, Shape.TIMED, "dt", "id", "npages_value", "kindclass"),
    SPAN_ALLOC(129, "SpanAlloc", 23, Shape.TIMED, "dt", "id", "npages_value", "kindclass"),
    SPAN_FREE(130, "SpanFree", 23, Shape.TIMED, "dt", "id"),
    HEAP_OBJECT(131, "HeapObject", 23, Shape.TIMED, "dt", "id", "type"),
    HEAP_OBJECT_ALLOC(132, "HeapObjectAlloc", 23, Shape.TIMED, "dt", "id", "type"),
    HEAP_OBJECT_FREE(133, "HeapObjectFree", 23, Shape.TIMED, "dt", "id"),
    GOROUTINE_STACK(134, "GoroutineStack", 23, Shape.TIMED, "dt", "id", "order"),
    GOROUTINE_STACK_ALLOC(135, "GoroutineStackAlloc", 23, Shape.TIMED, "dt", "id", "order"),
    GOROUTINE_STACK_FREE(136, "GoroutineStackFree", 23, Shape.TIMED, "dt", "id");

    /** How the bytes after the type byte are laid out. */
    enum Shape {
        /** only the listed varints */
        PLAIN,
        /** a timed event: the first varint is the delta to the previous event of the batch */
        TIMED,
        /** the varints, then nframes frames of 4 varints (pc, func, file, line) */
        STACK,
        /** the varints, then a varint length and that many bytes */
        DATA
    }

    /** Go 1.22's MaxFramesPerStack; longer stacks are refused before anything is allocated. */
    static final int MAX_FRAMES = 128;
    static final List<String> FRAME_FIELDS = List.of("pc", "func", "file", "line");

    private static final EventType[] BY_CODE = new EventType[256];

    static {
        for (EventType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    public final int code;
    public final String displayName;
    /** The first Go minor version whose traces may contain the event. */
    final int since;
    final Shape shape;
    public final List<String> argNames;

    /** What the event means; GoStop's is told by its reason (and stack) at publication. */
    final GoEventKind kind;
    /** Index of the argument naming the goroutine the event acts on, or -1. */
    final int targetG;
    /** Index of the argument naming the P the event acts on, or -1 (a CPU sample's P is where it was taken). */
    final int targetP;
    /** Index of the argument naming the thread that lost its P, or -1. */
    final int targetThread;

    EventType(int code, String displayName, int since, Shape shape, String... argNames) {
        this.code = code;
        this.displayName = displayName;
        this.since = since;
        this.shape = shape;
        this.argNames = List.of(argNames);
        this.kind = kindOf(displayName);
        int g = this.argNames.indexOf("g");
        this.targetG = g >= 0 ? g : this.argNames.indexOf("new_g");
        this.targetP = kind == GoEventKind.CPU_SAMPLE ? -1 : this.argNames.indexOf("p");
        this.targetThread = kind == GoEventKind.PROC_STOLEN ? this.argNames.indexOf("m") : -1;
    }

    private static GoEventKind kindOf(String name) {
        return switch (name) {
            case "CPUSample" -> GoEventKind.CPU_SAMPLE;
            case "ProcsChange" -> GoEventKind.PROCS_CHANGED;
            case "ProcStart" -> GoEventKind.PROC_STARTED;
            case "ProcStop" -> GoEventKind.PROC_STOPPED;
            case "ProcSteal" -> GoEventKind.PROC_STOLEN;
            case "ProcStatus" -> GoEventKind.PROC_STATUS;
            case "GoCreate" -> GoEventKind.GO_CREATED;
            case "GoCreateSyscall" -> GoEventKind.GO_CREATED_IN_SYSCALL;
            case "GoCreateBlocked" -> GoEventKind.GO_CREATED_BLOCKED;
            case "GoStart" -> GoEventKind.GO_STARTED;
            case "GoDestroy", "GoDestroySyscall" -> GoEventKind.GO_EXITED;
            // "preempted" is told apart at publication; runtime.Gosched and the rest yield.
            case "GoStop" -> GoEventKind.GO_YIELDED;
            case "GoBlock" -> GoEventKind.GO_BLOCKED;
            case "GoUnblock" -> GoEventKind.GO_UNBLOCKED;
            case "GoSyscallBegin" -> GoEventKind.SYSCALL_ENTERED;
            case "GoSyscallEnd" -> GoEventKind.SYSCALL_EXITED;
            case "GoSyscallEndBlocked" -> GoEventKind.SYSCALL_EXITED_BLOCKED;
            case "GoStatus", "GoStatusStack" -> GoEventKind.GO_STATUS;
            case "STWBegin" -> GoEventKind.STW_STARTED;
            case "STWEnd" -> GoEventKind.STW_DONE;
            case "GCActive" -> GoEventKind.GC_ACTIVE;
            case "GCBegin" -> GoEventKind.GC_STARTED;
            case "GCEnd" -> GoEventKind.GC_DONE;
            case "GCSweepActive" -> GoEventKind.GC_SWEEP_ACTIVE;
            case "GCSweepBegin" -> GoEventKind.GC_SWEEP_STARTED;
            case "GCSweepEnd" -> GoEventKind.GC_SWEEP_DONE;
            case "GCMarkAssistActive" -> GoEventKind.GC_MARK_ASSIST_ACTIVE;
            case "GCMarkAssistBegin" -> GoEventKind.GC_MARK_ASSIST_STARTED;
            case "GCMarkAssistEnd" -> GoEventKind.GC_MARK_ASSIST_DONE;
            case "HeapAlloc" -> GoEventKind.HEAP_ALLOC;
            case "HeapGoal" -> GoEventKind.HEAP_GOAL;
            case "GoLabel" -> GoEventKind.GO_LABELED;
            case "UserTaskBegin", "UserTaskEnd", "UserRegionBegin", "UserRegionEnd", "UserLog" ->
                    GoEventKind.USER_ANNOTATION;
            case "GoSwitch" -> GoEventKind.GO_SWITCHED;
            case "GoSwitchDestroy" -> GoEventKind.GO_SWITCHED_EXITING;
            default -> GoEventKind.OTHER;
        };
    }

    /** The event with this code in a trace of Go 1.{@code minor}, or null when that version has none. */
    static EventType forCode(int code, int minor) {
        EventType t = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        return t != null && t.since <= minor ? t : null;
    }

    static EventType forName(String name, int minor) {
        for (EventType t : values()) {
            if (t.displayName.equals(name) && t.since <= minor) {
                return t;
            }
        }
        return null;
    }

    boolean timed() {
        return shape == Shape.TIMED;
    }

    int argIndex(String name) {
        return argNames.indexOf(name);
    }
}
