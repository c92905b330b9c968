package io.preemptscope.analysis.join;

/**
 * An event of a Go trace that strace also sees.
 *
 * @param tsNs the trace's time: nanoseconds since its first event
 * @param m the runtime M that held the event's P (-1 when the trace does not say)
 * @param thread the OS thread id the trace names (Go 1.22+), else -1
 * @param g the goroutine
 * @param offset the event's byte offset in the trace
 * @param syscall for a syscall entry, the call its innermost frame names ("write"), null when the
 *     frame is a generic wrapper (syscall.Syscall) or for a preemption
 */
public record TraceMark(long tsNs, long m, long thread, long g, long offset, String syscall) {
    /** The key the thread map is kept by: the OS thread when the trace names it, else the M. */
    long threadKey() {
        return thread >= 0 ? thread : m;
    }
}
