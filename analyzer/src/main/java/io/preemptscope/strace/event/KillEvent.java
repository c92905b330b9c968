package io.preemptscope.strace.event;

/** {@code +++ killed by SIGKILL (core dumped) +++}. */
public record KillEvent(SourceRef source, int tid, Timestamp ts, String signal, boolean coreDumped)
        implements StraceEvent {
    @Override
    public String kind() {
        return "kill";
    }
}
