package io.preemptscope.strace.event;

/** Where an event was read: the evidence a finding points at. */
public record SourceRef(String file, long line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
