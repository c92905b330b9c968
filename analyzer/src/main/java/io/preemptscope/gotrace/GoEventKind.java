package io.preemptscope.gotrace;

import java.util.List;

/**
 * What an event means, with one meaning whatever wire format it came from: v1's GoPreempt and v2's
 * GoStop "preempted" are both {@link #GO_PREEMPTED_ASYNC} or {@link #GO_PREEMPTED_COOPERATIVE},
 * while v1's GoStop (parked for good) is a {@link #GO_BLOCKED}. The wire name stays on the event for
 * the dumps; analyses read the kind.
 */
public enum GoEventKind {
    /** A goroutine was created and is runnable; {@link GoEvent#targetG()} is the new goroutine. */
    GO_CREATED,
    /** A goroutine was created blocked (a coroutine, Go 1.23+); the target is the new goroutine. */
    GO_CREATED_BLOCKED,
    /** A goroutine was created by a thread in a syscall (a cgo callback); the target is the new goroutine. */
    GO_CREATED_IN_SYSCALL,
    /** The target goroutine starts running. */
    GO_STARTED,
    /** Coroutine switch: the running goroutine blocks and the target goroutine runs in its place. */
    GO_SWITCHED,
    /** Coroutine switch on exit: the running goroutine exits and the target goroutine runs in its place. */
    GO_SWITCHED_EXITING,
    /** Taken off by the SIGURG handler: {@code runtime.asyncPreempt} is the innermost frame. */
    GO_PREEMPTED_ASYNC,
    /** Taken off at a function prologue's stack check (or by goyield), and runnable again. */
    GO_PREEMPTED_COOPERATIVE,
    /** The goroutine yielded (runtime.Gosched, trace.Stop) and stays runnable. */
    GO_YIELDED,
    /** The goroutine parked; {@link GoEvent#reason()} says why, in the words of the v2 tracer. */
    GO_BLOCKED,
    /** The target goroutine became runnable. */
    GO_UNBLOCKED,
    /** The goroutine exited. */
    GO_EXITED,
    /** The state of the target goroutine when the trace (or a generation) began. */
    GO_STATUS,
    /** The goroutine was given a label. */
    GO_LABELED,
    /** The goroutine entered a syscall, keeping its P for now. */
    SYSCALL_ENTERED,
    /** The goroutine returned from a syscall with its P. */
    SYSCALL_EXITED,
    /** The goroutine's P was taken while it sat in a syscall: its run on the P ends. */
    SYSCALL_BLOCKED,
    /** The goroutine returned from a syscall whose P was taken, and waits for a P: runnable. */
    SYSCALL_EXITED_BLOCKED,
    /** A P starts running on an M. */
    PROC_STARTED,
    /** A P stops. */
    PROC_STOPPED,
    /** A P was taken from the M {@link GoEvent#targetThread()}, whose goroutine sat in a syscall. */
    PROC_STOLEN,
    /** The state of a P when a generation began. */
    PROC_STATUS,
    /** GOMAXPROCS changed. */
    PROCS_CHANGED,
    /** The world is stopped. */
    STW_STARTED,
    /** The world runs again. */
    STW_DONE,
    GC_STARTED,
    GC_DONE,
    /** A GC was running when a generation began. */
    GC_ACTIVE,
    GC_SWEEP_STARTED,
    GC_SWEEP_DONE,
    GC_SWEEP_ACTIVE,
    GC_MARK_ASSIST_STARTED,
    GC_MARK_ASSIST_DONE,
    GC_MARK_ASSIST_ACTIVE,
    HEAP_ALLOC,
    HEAP_GOAL,
    /** runtime/trace tasks, regions and logs. */
    USER_ANNOTATION,
    /** A CPU profile sample. */
    CPU_SAMPLE,
    /** Anything else: clock snapshots, wakeups the parser drops, experimental allocation events. */
    OTHER;

    /** A preemption, of the mechanism its stack shows. */
    public static GoEventKind preempted(List<Frame> stack) {
        return PreemptionKind.of(stack) == PreemptionKind.ASYNC ? GO_PREEMPTED_ASYNC : GO_PREEMPTED_COOPERATIVE;
    }
}
