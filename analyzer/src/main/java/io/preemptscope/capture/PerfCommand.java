package io.preemptscope.capture;

import io.preemptscope.linux.Amd64Syscalls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The perf argv for a capture: the record that runs (or attaches to) the target, and the script that prints it. */
final class PerfCommand {
    /**
     * Scheduling (switches, wake-ups, forks, exits and, with clone flags, new threads), signals
     * generated and delivered, and every syscall's entry and exit. raw_syscalls rather than the
     * syscalls: events: two tracepoints instead of some 700, and a number the shared x86-64 table
     * names.
     */
    static final List<String> TRACEPOINTS = List.of(
            "sched:sched_switch", "sched:sched_wakeup", "sched:sched_process_fork", "sched:sched_process_exit",
            "task:task_newtask", "signal:signal_generate", "signal:signal_deliver",
            "raw_syscalls:sys_enter", "raw_syscalls:sys_exit");

    /** The perf script fields perf.txt has: the pid as well as the tid, and nanosecond times. */
    static final String SCRIPT_FIELDS = "comm,pid,tid,cpu,time,event,trace";

    private PerfCommand() {}

    /**
     * {@code perf record} follows the command's (or --pid's) threads and their children, never the
     * whole machine (no {@code -a}). {@code -k CLOCK_MONOTONIC} stamps events on the monotonic clock,
     * the one Go's nanotime and the kernel's timers run on. {@code --switch-events} adds the
     * switch-in of each traced thread, which sched_switch cannot show: it fires in the thread
     * being switched out. {@code --no-bpf-event} skips synthesizing the machine's BPF programs,
     * which cost a second at every start here. {@code --filter preemption} keeps only the calls the
     * analysis reads, filtered in the kernel before they reach the ring buffer.
     */
    static List<String> record(Path perf, CaptureRequest r, Path data, List<String> target) {
        List<String> argv = new ArrayList<>(List.of(perf.toString(), "record", "-k", "CLOCK_MONOTONIC",
                "--switch-events", "--no-bpf-event"));
        for (String tp : TRACEPOINTS) {
            argv.add("-e");
            argv.add(tp);
            if (r.filter() == CaptureFilter.PREEMPTION && tp.startsWith("raw_syscalls:")) {
                argv.add("--filter");
                argv.add(syscallFilter());
            }
        }
        argv.add("-o");
        argv.add(data.toString());
        if (r.attach()) {
            argv.add("-p");
            argv.add(Long.toString(r.pid()));
        } else {
            argv.add("--");
            argv.addAll(target);
        }
        return argv;
    }

    /** {@code perf script} writes perf.txt, so that analysis needs no perf where it runs. */
    static List<String> script(Path perf, Path data) {
        return List.of(perf.toString(), "script", "-i", data.toString(), "--ns", "--show-switch-events",
                "-F", SCRIPT_FIELDS);
    }

    /** The ftrace filter of the preemption calls by number: raw_syscalls know no names. */
    static String syscallFilter() {
        return CaptureFilter.PREEMPTION_SYSCALLS.stream().map(Amd64Syscalls::number)
                .map(n -> "id == " + n).collect(Collectors.joining(" || "));
    }
}
