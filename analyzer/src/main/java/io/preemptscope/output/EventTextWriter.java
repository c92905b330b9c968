package io.preemptscope.output;

import io.preemptscope.strace.event.AnnotationEvent;
import io.preemptscope.strace.event.ExitEvent;
import io.preemptscope.strace.event.KillEvent;
import io.preemptscope.strace.event.MessageEvent;
import io.preemptscope.strace.event.SignalEvent;
import io.preemptscope.strace.event.StopEvent;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SupersededEvent;
import io.preemptscope.strace.event.SyscallEvent;
import java.io.PrintWriter;
import java.util.Locale;

/** One readable line per event: where it was read, the thread, and what happened. */
public final class EventTextWriter {
    private final PrintWriter out;

    public EventTextWriter(PrintWriter out) {
        this.out = out;
    }

    public void write(StraceEvent event) {
        String when = event.ts().present() ? event.ts().printed() : "-";
        out.println(event.source() + "\t" + event.tid() + "\t" + when + "\t" + describe(event));
    }

    private static String describe(StraceEvent event) {
        if (event instanceof SyscallEvent call) {
            return call.name() + "(" + call.args() + ")" + resultText(call);
        }
        if (event instanceof SignalEvent signal) {
            return "signal " + signal.signal() + " si_code=" + signal.siCode() + " si_pid=" + signal.siPid();
        }
        if (event instanceof ExitEvent exit) {
            return "exited with " + exit.status();
        }
        if (event instanceof KillEvent kill) {
            return "killed by " + kill.signal() + (kill.coreDumped() ? " (core dumped)" : "");
        }
        if (event instanceof SupersededEvent s) {
            return "superseded by execve in pid " + s.newPid();
        }
        if (event instanceof StopEvent stop) {
            return "stopped by " + stop.signal();
        }
        if (event instanceof MessageEvent message) {
            return message.text();
        }
        AnnotationEvent annotation = (AnnotationEvent) event;
        return annotation.kind() + " " + annotation.text();
    }

    private static String resultText(SyscallEvent call) {
        if (call.result() == null) {
            return " [" + call.status().name().toLowerCase(Locale.ROOT) + "]";
        }
        String errno = call.result().errno() == null ? "" : " " + call.result().errno();
        return " = " + call.result().value() + errno;
    }
}
