package io.preemptscope.output;

import io.preemptscope.perf.PerfEvent;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** One readable line per perf event: where it was read, when, which thread, and what happened. */
public final class PerfEventTextWriter {
    private final PrintWriter out;

    public PerfEventTextWriter(PrintWriter out) {
        this.out = out;
    }

    public void write(PerfEvent e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.line()).append(": ").append(e.time()).append(" tid ").append(e.tid());
        if (e.cpu() >= 0) {
            sb.append(" cpu ").append(e.cpu());
        }
        sb.append(' ');
        PerfEvent.Payload p = e.payload();
        if (p instanceof PerfEvent.SyscallEnter enter) {
            sb.append("enter ").append(enter.name()).append('(').append(String.join(", ", enter.args())).append(')');
        } else if (p instanceof PerfEvent.SyscallExit exit) {
            sb.append("exit ").append(exit.name()).append(" = ").append(exit.ret());
            if (exit.errno() != null) {
                sb.append(' ').append(exit.errno());
            }
        } else if (p instanceof PerfEvent.Switch s) {
            sb.append("switched ").append(s.in() ? "in" : "out").append(s.preempted() ? " (preempted)" : "");
        } else if (p instanceof PerfEvent.Fields f) {
            sb.append(e.event()).append(' ').append(f.values().entrySet().stream()
                    .map(v -> v.getKey() + "=" + v.getValue()).collect(Collectors.joining(" ")));
        }
        out.println(sb);
    }
}
