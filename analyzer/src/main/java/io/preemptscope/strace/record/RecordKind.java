package io.preemptscope.strace.record;

/** What one logical strace record is, before unfinished and resumed halves are joined. */
public enum RecordKind {
    /** A syscall line, whole or one half of a split call; see the flags on {@link StraceRecord}. */
    SYSCALL,
    /** The exit half of an unfinished call printed on its own under -z/-Z: ") = result". */
    ORPHAN_TAIL,
    SIGNAL,
    /** "--- stopped by SIGSTOP ---" */
    STOPPED,
    EXITED,
    KILLED,
    SUPERSEDED,
    /** strace's own diagnostics ("strace: Process N attached", and the pre-4.11 form). */
    MESSAGE,
    /** A -k frame line, belonging to the record before it. */
    STACK_FRAME,
    /** A -e read=/write= hex dump line, belonging to the record before it. */
    DUMP,
    /** Header, rule or row of a -c/-C/-w summary table. */
    SUMMARY,
    PERSONALITY
}
