package io.preemptscope.strace.event;

/**
 * What a strace capture says happened, one immutable value per happening.
 *
 * <p>Every event carries the file and line it was read from; a split syscall carries both halves.
 * The tid is -1 where the capture does not say which thread (a single-tracee capture without a
 * pid prefix whose thread id the capture never reveals).
 */
public sealed interface StraceEvent
        permits SyscallEvent, SignalEvent, ExitEvent, KillEvent, SupersededEvent, StopEvent,
                MessageEvent, AnnotationEvent {

    int UNKNOWN_TID = -1;

    SourceRef source();

    int tid();

    /** When the event happened; for a syscall, when it was entered. */
    Timestamp ts();

    /** The name this kind has in JSON output. */
    String kind();
}
