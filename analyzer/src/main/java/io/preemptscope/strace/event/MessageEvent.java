package io.preemptscope.strace.event;

/** strace's own diagnostics, such as {@code strace: Process 16769 attached}. */
public record MessageEvent(SourceRef source, int tid, Timestamp ts, String text) implements StraceEvent {
    @Override
    public String kind() {
        return "message";
    }
}
