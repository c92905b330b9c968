package io.preemptscope.strace.event;

import io.preemptscope.strace.record.SyscallResult;

/**
 * One syscall, with its two halves joined when another thread's output split it.
 *
 * @param source where the call was entered
 * @param exitLine the line of its result (the same as source's line for a one-line call), or -1
 * @param tid the calling thread
 * @param name the syscall's name
 * @param args the arguments as strace printed them (entry and exit fragments joined)
 * @param result the result, null when the capture never shows one
 * @param ts when the call was entered
 * @param exit when it returned (the resumed line's timestamp), or {@link Timestamp#ABSENT}
 * @param durationNanos the -T time in ns, or -1
 * @param status how the capture ends the call
 */
public record SyscallEvent(
        SourceRef source,
        long exitLine,
        int tid,
        String name,
        String args,
        SyscallResult result,
        Timestamp ts,
        Timestamp exit,
        long durationNanos,
        Status status) implements StraceEvent {

    public enum Status {
        /** A result was printed. */
        COMPLETE,
        /** The thread vanished inside the call (exit_group by a sibling, SIGKILL): "= ?". */
        VANISHED,
        /** strace detached while the call was pending. */
        DETACHED,
        /** The call was entered and never resumed before the capture ended. */
        INCOMPLETE
    }

    /** True when the call was printed in two halves. */
    public boolean split() {
        return exitLine != source.line();
    }

    @Override
    public String kind() {
        return "syscall";
    }
}
