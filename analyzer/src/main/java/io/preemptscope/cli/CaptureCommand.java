package io.preemptscope.cli;

import io.preemptscope.capture.Bundle;
import io.preemptscope.capture.CaptureBackend;
import io.preemptscope.capture.CaptureException;
import io.preemptscope.capture.CaptureFilter;
import io.preemptscope.capture.CaptureManifest;
import io.preemptscope.capture.CaptureMode;
import io.preemptscope.capture.CaptureRequest;
import io.preemptscope.capture.Durations;
import io.preemptscope.capture.LiveCapture;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code preemptscope capture}: runs strace or perf over a program, or attaches it to one, and writes a bundle. */
@Command(
        name = "capture",
        mixinStandardHelpOptions = true,
        description = {
            "Run CMD under strace or perf (x86-64 Linux), or attach to --pid for --duration, and write the bundle"
                    + " DIR/strace.txt (perf: DIR/perf.data and DIR/perf.txt), DIR/go.trace (with --gotrace) and"
                    + " DIR/capture.json."
                    + " The target's stdout and stderr pass through; capture exits with its exit status.",
            "Ctrl-C or SIGTERM stops the capture cleanly and keeps what was captured (capture.json says interrupted)."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {" N:the target's exit status (0 for --pid)", " 2:usage error", " 4:capture failure",
            " 130, 143:interrupted by SIGINT, SIGTERM"})
public final class CaptureCommand implements Callable<Integer> {

    @Option(names = "--backend", defaultValue = "strace", paramLabel = "BACKEND",
            description = "strace (default): ptrace, needs nothing else; perf: kernel tracepoints with perf record"
                    + " (root or CAP_PERFMON, tracefs), far less overhead, and when each thread was on a CPU.")
    String backend;

    @Option(names = "--mode", defaultValue = "native", paramLabel = "MODE",
            description = "go1.13: GODEBUG asyncpreemptoff=1; go1.14: asyncpreemptoff=0 (both merged with your"
                    + " GODEBUG); native (default): the environment unchanged.")
    String mode;

    @Option(names = "--filter", defaultValue = "all", paramLabel = "FILTER",
            description = "all (default): every syscall; preemption: only the calls the analysis reads"
                    + " (less overhead, but no user-run lengths: a gap may hold calls not recorded; perf"
                    + " filters in the kernel and still records on-CPU time).")
    String filter;

    @Option(names = "--gotrace", description = "Also record a Go execution trace to DIR/go.trace"
            + " (Go test binaries: -test.trace; other programs: see --gotrace-env).")
    boolean gotrace;

    @Option(names = "--gotrace-env", paramLabel = "NAME",
            description = "The environment variable the program reads its runtime/trace output path from;"
                    + " capture sets it to DIR/go.trace (implies --gotrace). Default: none (Go test binaries need none).")
    String gotraceEnv;

    @Option(names = "--pid", paramLabel = "PID",
            description = "Attach to this running process (with --duration). Default: none, run CMD instead.")
    long pid;

    @Option(names = "--duration", paramLabel = "D",
            description = "How long to trace --pid: 500ms, 5s, 2m. Default: none, required with --pid.")
    String duration;

    @Option(names = "--analyze", description = "Analyze the bundle afterwards and print the report to stdout.")
    boolean analyze;

    @Option(names = "--report", description = "Also write the HTML report of the bundle to DIR/report.html.")
    boolean report;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The bundle directory to write (required).")
    Path out;

    @Option(names = "--force", description = "Replace the capture files of a non-empty DIR (other files are kept).")
    boolean force;

    @Parameters(arity = "0..*", paramLabel = "CMD", description = "The program to run and its arguments, after --.")
    List<String> command = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CaptureRequest request = request();
        PrintWriter err = spec.commandLine().getErr();
        LiveCapture capture = new LiveCapture(System.getenv(), new FileOutputStream(FileDescriptor.err));
        Interrupts.onIntOrTerm(capture::stop);
        LiveCapture.Outcome outcome;
        try {
            outcome = capture.run(request);
        } catch (CaptureException e) {
            err.println("preemptscope: capture: " + e.getMessage());
            err.flush();
            return ExitCodes.CAPTURE_FAILED;
        } finally {
            Interrupts.restore();
        }
        outcome.warnings().forEach(w -> err.println("preemptscope: capture: warning: " + w));
        if (outcome.manifest().error() != null) {
            err.println("preemptscope: capture: " + outcome.manifest().error());
            err.flush();
            return ExitCodes.CAPTURE_FAILED;
        }
        if (outcome.manifest().interrupted()) {
            err.println("preemptscope: capture: interrupted; kept what was captured in " + out);
        }
        err.println("preemptscope: capture: bundle " + out + ": " + contents(outcome.manifest()));
        err.flush();
        if (analyze) {
            analyzeBundle();
        }
        if (report) {
            reportBundle();
        }
        return outcome.exitStatus();
    }

    /** What the bundle holds, in one line: the user should not have to list the directory. */
    private String contents(CaptureManifest m) {
        String text = m.backendOrStrace() == CaptureBackend.PERF ? m.perfScript() : m.straceFile();
        StringBuilder s = new StringBuilder();
        if (m.perfData() != null) {
            s.append(m.perfData()).append(", ");
        }
        s.append(text);
        try (Stream<String> lines = Files.lines(out.resolve(text),
                StandardCharsets.ISO_8859_1)) {
            long n = lines.count();
            s.append(" (").append(n).append(n == 1 ? " line)" : " lines)");
        } catch (IOException | UncheckedIOException unreadable) {
            // the name alone still says what is there
        }
        if (m.goTrace() != null) {
            s.append(", ").append(m.goTrace());
        }
        return s.append(", ").append(Bundle.MANIFEST).toString();
    }

    /** The same code path as {@code analyze DIR}; its status does not replace the target's. */
    private void analyzeBundle() {
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println();
        stdout.println("==== preemptscope analyze " + out + " ====");
        stdout.flush();
        new CommandLine(new AnalyzeCommand()).setOut(stdout).setErr(spec.commandLine().getErr())
                .execute(out.toString());
        stdout.flush();
    }

    /** The same code path as {@code report -o DIR/report.html DIR}; its status does not replace the target's. */
    private void reportBundle() {
        Path html = out.resolve("report.html");
        int status = new CommandLine(new ReportCommand()).setOut(spec.commandLine().getOut())
                .setErr(spec.commandLine().getErr()).execute("--force", "-o", html.toString(), out.toString());
        if (status == ExitCodes.OK || status == ExitCodes.FINDINGS) {
            spec.commandLine().getErr().println("preemptscope: capture: report " + html);
            spec.commandLine().getErr().flush();
        }
    }

    private CaptureRequest request() {
        CommandLine cl = spec.commandLine();
        CaptureMode m;
        CaptureFilter f;
        CaptureBackend b;
        try {
            b = CaptureBackend.parse(backend);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--backend: " + e.getMessage());
        }
        try {
            m = CaptureMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--mode: " + e.getMessage());
        }
        try {
            f = CaptureFilter.parse(filter);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--filter: " + e.getMessage());
        }
        Duration d = null;
        if (pid < 0) {
            throw new CommandLine.ParameterException(cl, "--pid: must be at least 1, got " + pid);
        }
        if (pid != 0 || duration != null) {
            if (pid <= 0 || duration == null) {
                throw new CommandLine.ParameterException(cl, "--pid and --duration go together");
            }
            if (!command.isEmpty()) {
                throw new CommandLine.ParameterException(cl, "give either --pid or a command after --, not both");
            }
            if (m != CaptureMode.NATIVE || gotrace || gotraceEnv != null) {
                throw new CommandLine.ParameterException(cl,
                        "--pid cannot change a running program: --mode and --gotrace need a command after --");
            }
            try {
                d = Durations.parse(duration);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--duration: " + e.getMessage());
            }
        } else if (command.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "a command to run after -- (or --pid PID --duration D) is required");
        }
        return new CaptureRequest(command, pid, d, m, f, gotrace || gotraceEnv != null, gotraceEnv, out, force, b);
    }
}
