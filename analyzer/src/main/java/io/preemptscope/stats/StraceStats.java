package io.preemptscope.stats;

import java.util.Map;

/**
 * The counts {@code parse --stats} prints for strace input.
 *
 * @param errors results by errno and by kernel restart code, every result as strace printed it
 *     (rt_sigreturn's restored register included: deciding what a result means is the analysis'
 *     job)
 * @param tgkill tgkill/tkill calls by the signal they send
 */
public record StraceStats(
        String format,
        int files,
        long lines,
        long unparsed,
        long truncated,
        long events,
        int threads,
        long unfinished,
        long resumed,
        long incomplete,
        Map<String, Long> syscalls,
        Map<String, Long> errors,
        Map<String, Long> signals,
        Map<String, Long> tgkill,
        long exits,
        long kills) {}
