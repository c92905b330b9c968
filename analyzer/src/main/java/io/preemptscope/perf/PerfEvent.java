package io.preemptscope.perf;

import java.util.List;
import java.util.Map;

/**
 * One line of {@code perf script} output: a tracepoint hit or a context-switch record, in the
 * context of the thread that was on the CPU when it happened.
 *
 * @param line the 1-based line in its file
 * @param comm the thread's name, or "" when -F left it out
 * @param pid the thread group (process) id, or -1 when -F left it out (the default layout does)
 * @param tid the thread id
 * @param cpu the CPU, or -1 when -F left it out
 * @param time the timestamp as printed (seconds, 6 or 9 decimals)
 * @param timeNs the same in nanoseconds, on the capture's clock
 * @param event the tracepoint ("sched:sched_switch") or the record ("PERF_RECORD_SWITCH")
 */
public record PerfEvent(long line, String comm, long pid, long tid, int cpu, String time, long timeNs, String event,
        Payload payload) {

    /** What an event says beyond who and when. */
    public sealed interface Payload permits SyscallEnter, SyscallExit, Switch, Fields {}

    /**
     * raw_syscalls:sys_enter: the call's number, its name from the x86-64 table, and its six
     * argument registers in hex, as perf prints them.
     */
    public record SyscallEnter(long nr, String name, List<String> args) implements Payload {}

    /**
     * raw_syscalls:sys_exit.
     *
     * @param errno the error's name when {@code ret} is one (-4095..-1), the kernel's own restart
     *     codes included (ERESTARTSYS), else null
     */
    public record SyscallExit(long nr, String name, long ret, String errno) implements Payload {}

    /**
     * A switch record of {@code perf record --switch-events}: the thread was switched in, or out
     * (preempted: it was still runnable).
     */
    public record Switch(boolean in, boolean preempted) implements Payload {}

    /** Any other tracepoint: its format's key=value fields in the order printed. */
    public record Fields(Map<String, String> values) implements Payload {
        public String get(String key) {
            return values.get(key);
        }
    }
}
