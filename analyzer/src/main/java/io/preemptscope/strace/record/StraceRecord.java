package io.preemptscope.strace.record;

/**
 * One logical strace record, split into the fields strace prints, still as text.
 *
 * <p>Both the ANTLR grammar and the fast scanner produce this value; a differential test holds
 * them equal on every corpus line, so the grammar stays the definition of the language.
 *
 * @param kind what the record is
 * @param pid the pid or tid printed in the prefix, -1 when the line has none
 * @param comm the -Y command name after the pid, or null
 * @param timestamp the absolute (-t/-tt/-ttt) or, alone, relative (-r) timestamp as printed
 * @param relative the -r delta printed in "(+ x)" next to an absolute timestamp, or null
 * @param name the syscall name (SYSCALL, ORPHAN_TAIL: null), or the signal name (SIGNAL, STOPPED,
 *     KILLED)
 * @param text arguments between the parentheses (a fragment for split calls), the siginfo braces'
 *     content for signals, the exit status, the superseding pid, or the whole text of a message,
 *     frame, dump or summary line; stripped of surrounding blanks
 * @param resumedHead the record starts with "&lt;... name resumed&gt;"
 * @param unfinished the record carries "&lt;unfinished ...&gt;"
 * @param detached the record ends in "&lt;detached ...&gt;"
 * @param result the result, or null where this record carries none
 * @param duration the -T time as printed, without angle brackets, or null
 */
public record StraceRecord(
        RecordKind kind,
        int pid,
        String comm,
        String timestamp,
        String relative,
        String name,
        String text,
        boolean resumedHead,
        boolean unfinished,
        boolean detached,
        SyscallResult result,
        String duration) {

    public static final int NO_PID = -1;

    /** The entry half of a split call: it ends in "&lt;unfinished ...&gt;" and has no result. */
    public boolean isEntryHalf() {
        return kind == RecordKind.SYSCALL && unfinished && result == null;
    }
}
