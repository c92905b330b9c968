package io.preemptscope.gotrace;

/** Why a goroutine's run slice on a P ended. */
public sealed interface SliceEnd {
    /** Taken off the P by the scheduler (sysmon timeslice, async signal or goyield). */
    record Preempted(PreemptionKind kind) implements SliceEnd {}

    /** The goroutine called runtime.Gosched (also what trace.Stop emits for its caller). */
    record Gosched() implements SliceEnd {}

    /** The goroutine parked; reason in the words of the v2 tracer's block reasons. */
    record Blocked(String reason) implements SliceEnd {}

    /** sysmon or a stop-the-world took the P while the goroutine sat in a blocking syscall. */
    record Syscall() implements SliceEnd {}

    record Exit() implements SliceEnd {}

    /** Still running when the trace stopped. */
    record TraceEnd() implements SliceEnd {}

    /** Short name for output: preempted, gosched, blocked(reason), syscall, exit, trace end. */
    default String label() {
        if (this instanceof Preempted) {
            return "preempted";
        } else if (this instanceof Gosched) {
            return "gosched";
        } else if (this instanceof Blocked b) {
            return "blocked(" + b.reason() + ")";
        } else if (this instanceof Syscall) {
            return "syscall";
        } else if (this instanceof Exit) {
            return "exit";
        }
        return "trace end";
    }
}
