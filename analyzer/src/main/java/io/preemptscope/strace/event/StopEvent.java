package io.preemptscope.strace.event;

/** {@code --- stopped by SIGSTOP ---}: a group-stop. */
public record StopEvent(SourceRef source, int tid, Timestamp ts, String signal) implements StraceEvent {
    @Override
    public String kind() {
        return "stop";
    }
}
