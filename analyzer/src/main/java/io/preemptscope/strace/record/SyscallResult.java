package io.preemptscope.strace.record;

import java.util.List;

/**
 * A syscall's result exactly as strace printed it.
 *
 * @param value the number or "?" ("-1" for errors, "0x7f.." for hex results, unsigned decimal
 *     above 2^63-1 for rt_sigreturn's restored rax)
 * @param errno EINTR, EAGAIN, ERESTARTSYS, ERESTART_RESTARTBLOCK, ...; null for a plain value
 * @param errnoText the text in parentheses after the errno, null without errno
 * @param decoration the -y/-Y decoration after a returned fd or pid, without the angle brackets
 * @param notes further parenthesised notes ("Timeout", "INJECTED", "flags O_RDONLY") in order
 * @param unavailable true for "= ? &lt;unavailable&gt;"
 */
public record SyscallResult(
        String value,
        String errno,
        String errnoText,
        String decoration,
        List<String> notes,
        boolean unavailable) {

    public SyscallResult {
        notes = List.copyOf(notes);
    }

    /** True for the four kernel-internal restart codes that strace shows with "= ?". */
    public boolean isRestartCode() {
        return errno != null && errno.startsWith("ERESTART");
    }

    /** True for "= ?": the call has no value (exit, exit_group, a vanished thread, a restart code). */
    public boolean isUnknown() {
        return "?".equals(value);
    }
}
