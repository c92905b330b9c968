package io.preemptscope.cli;

import io.preemptscope.analysis.input.DecodedTrace;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.timeline.Timeline;
import io.preemptscope.timeline.TimelineWindow;
import io.preemptscope.util.IoErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code preemptscope timeline}: the run as Chrome trace-event JSON, for Perfetto UI and chrome://tracing. */
@Command(
        name = "timeline",
        mixinStandardHelpOptions = true,
        description = {
            "Write captures of one run as a timeline in Chrome trace-event JSON, the format Perfetto UI"
                    + " (ui.perfetto.dev) and chrome://tracing open: each strace thread's syscalls as slices,"
                    + " signal deliveries as instants, each handler as a slice and an arrow from the tgkill that sent"
                    + " the signal to its delivery and the handler's rt_sigreturn; a Go trace's run slices on a track"
                    + " per P and per goroutine, named by goroutine and function, with preemptions marked async or"
                    + " cooperative; and the analysis's findings as instants with their id, message and evidence.",
            "With a strace log and a Go trace of one run, the analysis joins them: the Go events move onto"
                    + " strace's clock, and each M's run slices get a track beside the kernel thread it ran on.",
            "INPUT is as for analyze. -o FILE.json.gz compresses (by the name). Default output: standard output."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {" 0:ok", " 1:a finding at or above --fail-on", " 2:usage error", " 3:bad or unreadable input"})
public final class TimelineCommand implements Callable<Integer> {
    private static final Pattern TIME = Pattern.compile("(\\d+(?:\\.\\d+)?)(s|ms|us|µs|ns)?");

    @Option(names = "--from", paramLabel = "T", description = "Export from T into the run (1.5, 1.5s, 250ms,"
            + " 300us; counted from the first strace event, or the trace's start without strace). Default: the start.")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "Export up to T into the run (as --from). Default: the end.")
    String to;

    @Option(names = "--threads", paramLabel = "LIST", split = ",",
            description = "Export only these kernel threads (TIDs, comma-separated), and the Go tracks of the Ms"
                    + " joined to them. Default: every thread.")
    List<Integer> threads;

    @Option(names = "--max-events", paramLabel = "N", defaultValue = "2000000",
            description = "Write at most N strace and Go events (metadata and findings are always written);"
                    + " a warning says how many were cut. Default: ${DEFAULT-VALUE}.")
    long maxEvents;

    @Mixin
    AnalysisSettings settings;

    @Mixin
    ProblemOptions problems = new ProblemOptions(20);

    @Mixin
    CaptureInputs captures;

    @Mixin
    OutputFileOption output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        window();
        try (OutputFileOption.Destination destination = output.open()) {
            PrintWriter err = spec.commandLine().getErr();
            return destination.finish(run(destination.bytes(), err), err);
        }
    }

    private int run(OutputStream bytes, PrintWriter err) {
        TimelineWindow window = window();
        try (Timeline timeline = new Timeline(window, maxEvents)) {
            AnalysisRun.Outcome outcome;
            try {
                outcome = AnalysisRun.run(settings, problems, captures, err, null, timeline.straceEvents());
            } catch (AnalysisRun.Failed e) {
                return ExitCodes.BAD_INPUT;
            }
            List<DecodedTrace> traces = outcome.traces();
            DecodedTrace trace = traces.isEmpty() ? null : traces.get(0);
            boolean gzip = output.file() != null && output.file().getFileName().toString().endsWith(".gz");
            OutputStream out = gzip ? new GzipCompressorOutputStream(bytes, fastest()) : bytes;
            Timeline.Written written = timeline.write(out, trace == null ? null : trace.trace(),
                    trace == null ? null : trace.name(), outcome.result(), outcome.kernel());
            if (gzip) {
                ((GzipCompressorOutputStream) out).finish();
            }
            out.flush();
            if (outcome.kernel() != null && outcome.kernel().onCpuIntervalsDropped() > 0) {
                err.printf(Locale.ROOT, "preemptscope: warning: timeline: the on-CPU tracks hold the first %d stretches;"
                        + " %d later ones were left out%n", io.preemptscope.analysis.kernel.KernelView.MAX_INTERVALS,
                        outcome.kernel().onCpuIntervalsDropped());
            }
            if (written.cut() > 0) {
                err.printf(Locale.ROOT, "preemptscope: warning: timeline: --max-events %d reached: %d later strace and"
                        + " Go events were left out (the strace events come first, then the Go trace's); narrow the"
                        + " export with --from/--to/--threads, or raise --max-events%n", maxEvents, written.cut());
            }
            if (written.untimed() > 0) {
                err.printf(Locale.ROOT, "preemptscope: warning: timeline: %d strace events have no timestamp and are"
                        + " left out; capture with -tt, -ttt or --timestamps to place them%n", written.untimed());
            }
            if (traces.size() > 1) {
                err.println("preemptscope: warning: timeline: only the first Go trace, " + trace.name()
                        + ", is drawn");
            }
            if (output.file() != null) {
                err.println("preemptscope: timeline: wrote " + output.file() + " (" + written.events() + " events)");
            }
            err.flush();
            return settings.status(outcome.result());
        } catch (IOException e) {
            err.println("preemptscope: timeline: cannot write: " + IoErrors.describe(e));
            err.flush();
            return ExitCodes.BAD_INPUT;
        } catch (GoTraceFormatException e) {
            err.println("preemptscope: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
    }

    /** The timeline is written once and read a few times: speed counts more than the last few percent of size. */
    private static GzipParameters fastest() {
        GzipParameters p = new GzipParameters();
        p.setCompressionLevel(java.util.zip.Deflater.BEST_SPEED);
        return p;
    }

    private TimelineWindow window() {
        long fromNs = from == null ? 0 : nanos("--from", from);
        long toNs = to == null ? Long.MAX_VALUE : nanos("--to", to);
        if (toNs < fromNs) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to: must not be before --from, got "
                    + to + " < " + from);
        }
        if (maxEvents < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-events: must be at least 1, got "
                    + maxEvents);
        }
        Set<Integer> tids = threads == null ? Set.of() : new LinkedHashSet<>(threads);
        return new TimelineWindow(fromNs, toNs, tids);
    }

    private long nanos(String option, String text) {
        Matcher m = TIME.matcher(text.trim());
        if (!m.matches()) {
            throw new CommandLine.ParameterException(spec.commandLine(), option
                    + ": expected a time such as 1.5, 1.5s, 250ms or 300us, got " + text);
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double scale = switch (unit) {
            case "ms" -> 1e6;
            case "us", "µs" -> 1e3;
            case "ns" -> 1;
            default -> 1e9;
        };
        return Math.round(v * scale);
    }
}
