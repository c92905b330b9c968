package io.preemptscope.strace.event;

/** {@code +++ exited with N +++}. */
public record ExitEvent(SourceRef source, int tid, Timestamp ts, int status) implements StraceEvent {
    @Override
    public String kind() {
        return "exit";
    }
}
