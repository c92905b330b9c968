package io.preemptscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.preemptscope.schedtrace.SchedLine;
import io.preemptscope.schedtrace.SchedSample;
import io.preemptscope.schedtrace.SchedtraceReader;
import io.preemptscope.schedtrace.SchedtraceStats;
import io.preemptscope.schedtrace.SchedtraceStatsCollector;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** {@code parse} for GODEBUG=schedtrace output, which ParseCommand hands over after sniffing the content. */
final class SchedtraceParse {
    private final PrintWriter out;
    private final PrintWriter err;

    SchedtraceParse(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    int run(List<Path> inputs, ParseCommand.Format format, boolean stats) {
        if (inputs.size() != 1) {
            err.println("preemptscope: schedtrace output is parsed on its own; give it as the only INPUT");
            err.flush();
            return ExitCodes.USAGE;
        }
        Path input = inputs.get(0);
        ObjectMapper mapper = new ObjectMapper();
        try (SchedtraceReader reader = SchedtraceReader.open(input)) {
            SchedtraceStatsCollector collector = new SchedtraceStatsCollector();
            boolean array = !stats && format == ParseCommand.Format.json;
            if (array) {
                out.println("[");
            }
            boolean first = true;
            for (SchedSample s = reader.next(); s != null; s = reader.next()) {
                if (stats) {
                    collector.accept(s);
                } else if (format == ParseCommand.Format.text) {
                    out.println(textLine(s));
                } else {
                    if (array && !first) {
                        out.println(",");
                    }
                    out.print(mapper.writeValueAsString(s));
                    if (!array) {
                        out.println();
                    }
                    first = false;
                }
            }
            if (array) {
                out.println(first ? "]" : "\n]");
            }
            if (stats) {
                SchedtraceStats result = collector.result(reader);
                if (format == ParseCommand.Format.text) {
                    printText(result);
                } else {
                    out.println(mapper.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
                }
            }
            out.flush();
            if (reader.otherLines() + reader.malformedLines() > 0) {
                err.printf("preemptscope: %s: skipped %,d lines that are not schedtrace output and %,d damaged ones%n",
                        input, reader.otherLines(), reader.malformedLines());
                err.flush();
            }
            return ExitCodes.OK;
        } catch (IOException e) {
            err.println("preemptscope: cannot read input: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
    }

    private static String textLine(SchedSample s) {
        StringBuilder sb = new StringBuilder();
        SchedLine.Summary sum = s.summary();
        sb.append(s.line()).append(": ").append(sum.elapsedMs()).append("ms gomaxprocs=").append(sum.gomaxprocs())
                .append(" idleprocs=").append(sum.idleprocs()).append(" runqueue=").append(sum.runqueue());
        for (SchedLine.PLine p : s.ps()) {
            sb.append(" P").append(p.index()).append("=").append(p.status()).append('/').append(p.schedtick());
        }
        if (sum.schedticks() != null) {
            sb.append(" schedticks=").append(sum.schedticks());
        }
        if (!s.gs().isEmpty()) {
            sb.append(" goroutines=").append(s.gs().size());
        }
        return sb.toString();
    }

    private void printText(SchedtraceStats s) {
        out.printf("format      %s%n", s.format());
        out.printf("samples     %,d (%,d with scheddetail) from %d ms to %d ms, gomaxprocs up to %d%n", s.samples(),
                s.detailedSamples(), s.firstMs(), s.lastMs(), s.maxGomaxprocs());
        out.printf("lines       %,d; other %,d, damaged %,d, before the first SCHED %,d%n", s.lines(), s.otherLines(),
                s.malformedLines(), s.orphanLines());
        out.printf("schedticks  from %s%n", s.schedtickSource());
        for (SchedtraceStats.Proc p : s.procs()) {
            out.printf("  P%-3d %,d samples, schedtick %d -> %d%n", p.p(), p.samples(), p.firstSchedtick(),
                    p.lastSchedtick());
        }
        out.printf("stuck Ps (same schedtick while running for >= %d ms): %d, longest %d ms%n", s.stuckThresholdMs(),
                s.stuckIntervals().size(), s.longestStuckMs());
        for (SchedtraceStats.StuckInterval i : s.stuckIntervals()) {
            out.printf("  P%d schedtick=%d %d-%d ms (%d ms, %d samples, lines %d-%d)%s%n", i.p(), i.schedtick(),
                    i.fromMs(), i.toMs(), i.durationMs(), i.samples(), i.fromLine(), i.toLine(),
                    i.curg() == null ? "" : " curg=" + i.curg());
        }
    }
}
