package io.preemptscope.stats;

import java.util.Map;

/**
 * The counts {@code parse --stats} prints for perf script input: strace's categories where perf
 * shows the same thing, then what only perf shows.
 *
 * @param threads the threads events happened on
 * @param incomplete calls a thread entered and the capture never shows returning
 * @param syscalls calls by name, an entry and its exit counting once (an exit whose entry came
 *     before the capture counts too)
 * @param errors failed results by errno and kernel restart code, rt_sigreturn's restored
 *     register included, as strace counts them
 * @param signals deliveries (signal:signal_deliver) by signal
 * @param tgkill tgkill/tkill calls by the signal they send
 * @param exits threads that exited (sched:sched_process_exit)
 * @param generated signals generated (signal:signal_generate) by signal
 * @param switches switch records: {@code in}, {@code out} and, of those, {@code preempted}
 *     (switched out while still runnable)
 * @param tracepoints events by tracepoint or record name
 */
public record PerfStats(
        String format,
        int files,
        long lines,
        long unparsed,
        long truncated,
        long events,
        int threads,
        long incomplete,
        Map<String, Long> syscalls,
        Map<String, Long> errors,
        Map<String, Long> signals,
        Map<String, Long> tgkill,
        long exits,
        Map<String, Long> generated,
        Map<String, Long> switches,
        Map<String, Long> tracepoints) {}
