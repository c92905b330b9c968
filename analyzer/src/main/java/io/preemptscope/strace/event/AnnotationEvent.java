package io.preemptscope.strace.event;

/**
 * A line that adds to what came before instead of reporting a happening: -k stack frames,
 * -e read=/write= dumps, the -c summary table, personality changes.
 */
public record AnnotationEvent(SourceRef source, int tid, Timestamp ts, Type type, String text)
        implements StraceEvent {

    public enum Type { STACK_FRAME, DUMP, SUMMARY, PERSONALITY }

    @Override
    public String kind() {
        return switch (type) {
            case STACK_FRAME -> "stack-frame";
            case DUMP -> "dump";
            case SUMMARY -> "summary";
            case PERSONALITY -> "personality";
        };
    }
}
