package io.preemptscope.strace.event;

/** {@code +++ superseded by execve in pid N +++}: a non-leader thread's execve replaced the process. */
public record SupersededEvent(SourceRef source, int tid, Timestamp ts, int newPid) implements StraceEvent {
    @Override
    public String kind() {
        return "superseded";
    }
}
