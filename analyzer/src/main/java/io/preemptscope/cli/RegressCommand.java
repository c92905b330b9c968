package io.preemptscope.cli;

import io.preemptscope.capture.CaptureException;
import io.preemptscope.capture.CaptureFilter;
import io.preemptscope.capture.CaptureMode;
import io.preemptscope.capture.CaptureRequest;
import io.preemptscope.capture.Durations;
import io.preemptscope.capture.LiveCapture;
import io.preemptscope.compare.CheckSet;
import io.preemptscope.compare.ChecksFileException;
import io.preemptscope.compare.Comparison;
import io.preemptscope.compare.Comparisons;
import io.preemptscope.compare.Run;
import io.preemptscope.compare.Tolerances;
import io.preemptscope.output.html.CompareReport;
import io.preemptscope.util.IoErrors;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code preemptscope regress}: the Go 1.13-vs-1.14 experiment in one command. The program runs
 * under capture with async preemption off (Go 1.13 behaviour) and on, N times each, and the two
 * sides are compared.
 */
@Command(
        name = "regress",
        mixinStandardHelpOptions = true,
        description = {
            "Run CMD under capture in Go 1.13 mode (GODEBUG asyncpreemptoff=1) and in Go 1.14+ mode"
                    + " (asyncpreemptoff=0), --runs times each, then compare the two sides with go1.14-preemption"
                    + " (default) or --checks. The bundles, compare.json, junit.xml and report.html go to --out.",
            "A run still going after --timeout is stopped as Ctrl-C stops a capture and analysed as it is:"
                    + " a hang in Go 1.13 mode is what a loop without calls does, a result and not an error."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {" 0:every check passed", " 1:a check failed", " 2:usage error",
            " 3:a capture could not be analysed", " 4:capture failure", " 130, 143:interrupted by SIGINT, SIGTERM"})
public final class RegressCommand implements Callable<Integer> {
    @Option(names = "--runs", paramLabel = "N", defaultValue = "1",
            description = "Runs per mode, at least 1 (default ${DEFAULT-VALUE}); the checks read all runs of a side together.")
    int runs;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "10s",
            description = "Stop a run still going after D (500ms, 10s, 2m; default ${DEFAULT-VALUE}) and keep its bundle.")
    String timeout;

    @Option(names = "--gotrace", description = "Also record a Go execution trace (Go test binaries; see capture --help).")
    boolean gotrace;

    @Option(names = "--backend", defaultValue = "strace", paramLabel = "BACKEND",
            description = "What records each run, as for capture: strace (default) or perf (less overhead, and when"
                    + " each thread was on a CPU).")
    String backend;

    private io.preemptscope.capture.CaptureBackend recorder;

    @Option(names = "--gotrace-env", paramLabel = "NAME",
            description = "The variable the program reads its runtime/trace path from (implies --gotrace).")
    String gotraceEnv;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "regress-out",
            description = "Where the bundles, compare.json, junit.xml and report.html go (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--force", description = "Replace the files of an earlier regress in DIR (default: a non-empty DIR is refused).")
    boolean force;

    @Mixin
    CheckOptions checks;

    @Mixin
    AnalysisSettings analysis;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The program to run and its arguments, after --.")
    List<String> command = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (runs < 1) {
            throw new CommandLine.ParameterException(cl, "--runs: must be at least 1, got " + runs);
        }
        try {
            recorder = io.preemptscope.capture.CaptureBackend.parse(backend);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--backend: " + e.getMessage());
        }
        Duration limit;
        try {
            limit = Durations.parse(timeout);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--timeout: " + e.getMessage());
        }
        Tolerances tolerances = checks.tolerances();
        // every usage error before the first capture, not after minutes of them
        io.preemptscope.analysis.AnalysisOptions options = analysis.options();
        PrintWriter err = cl.getErr();
        PrintWriter stdout = cl.getOut();
        List<CheckSet> sets;
        try {
            sets = checks.sets(CheckSet.GO114_PREEMPTION);
        } catch (ChecksFileException e) {
            err.println("preemptscope: --checks: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        if (!force && nonEmpty(out)) {
            err.println("preemptscope: regress: " + out + " is not empty; pass --force to replace an earlier regress there");
            err.flush();
            return ExitCodes.CAPTURE_FAILED;
        }
        List<SideAnalysis.Inputs> baseline = new ArrayList<>();
        List<SideAnalysis.Inputs> candidate = new ArrayList<>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "regress-timeout");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 1; i <= runs; i++) {
                for (CaptureMode mode : List.of(CaptureMode.GO1_13, CaptureMode.GO1_14)) {
                    Path dir = out.resolve(mode.label() + "-run" + i);
                    Integer failed = captureOne(mode, dir, limit, timer, err);
                    if (failed != null) {
                        return failed;
                    }
                    (mode == CaptureMode.GO1_13 ? baseline : candidate).add(
                            new SideAnalysis.Inputs(mode == CaptureMode.GO1_13 ? "baseline" : "candidate", List.of(dir)));
                }
            }
        } finally {
            timer.shutdownNow();
        }
        SideAnalysis analyser = new SideAnalysis(options, err, checks.strict, 20,
                sets.stream().anyMatch(CheckSet::readsReport), SideAnalysis.sameRun(analysis, err));
        List<SideAnalysis.Inputs> all = new ArrayList<>(baseline);
        all.addAll(candidate);
        List<Run> analysed;
        try {
            analysed = analyser.analyse(all);
        } catch (SideAnalysis.SideFailed e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        Comparison c = Comparisons.compare(analysed.subList(0, runs), analysed.subList(runs, 2 * runs), sets, tolerances);
        try {
            writeFile(out.resolve("compare.json"), ComparisonFormat.Format.json, c);
            writeFile(out.resolve("junit.xml"), ComparisonFormat.Format.junit, c);
            System.setProperty("java.awt.headless", "true");
            CompareReport page = CompareReport.build(c, analysed.subList(0, runs), analysed.subList(runs, 2 * runs),
                    checks.strict, "preemptscope regress " + HtmlReportFile.version());
            // DIR was empty, or --force was given to replace an earlier regress there
            HtmlReportFile.write(out.resolve("report.html"), true, page::write);
            stdout.println();
            stdout.println("==== preemptscope regress: " + runs + (runs == 1 ? " run" : " runs")
                    + " per mode, bundles, compare.json, junit.xml and report.html in " + out + " ====");
            ComparisonFormat.write(ComparisonFormat.Format.text, c, checks.strict, stdout);
        } catch (IOException e) {
            err.println("preemptscope: regress: cannot write the comparison: " + IoErrors.describe(e));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        int own = SideAnalysis.candidateStatus(analysis, analysed.subList(runs, 2 * runs), err);
        return c.failed(checks.strict) ? ExitCodes.FINDINGS : own;
    }

    /** One capture; null when it produced a bundle to analyse, else the exit status to stop with. */
    private Integer captureOne(CaptureMode mode, Path dir, Duration limit, ScheduledExecutorService timer,
            PrintWriter err) {
        err.println("preemptscope: regress: " + mode.label() + " mode: capturing into " + dir);
        err.flush();
        LiveCapture capture = new LiveCapture(System.getenv(), new FileOutputStream(FileDescriptor.err));
        boolean[] userStopped = {false};
        Interrupts.onIntOrTerm(signal -> {
            userStopped[0] = true;
            capture.stop(signal);
        });
        ScheduledFuture<?> stop = timer.schedule(() -> capture.stop("INT"), limit.toMillis(), TimeUnit.MILLISECONDS);
        LiveCapture.Outcome outcome;
        try {
            Files.createDirectories(dir);
            outcome = capture.run(new CaptureRequest(command, 0, null, mode, CaptureFilter.ALL,
                    gotrace || gotraceEnv != null, gotraceEnv, dir, true, recorder));
        } catch (CaptureException e) {
            err.println("preemptscope: regress: " + e.getMessage());
            err.flush();
            return ExitCodes.CAPTURE_FAILED;
        } catch (IOException e) {
            err.println("preemptscope: regress: cannot create " + dir + ": " + IoErrors.describe(e));
            err.flush();
            return ExitCodes.CAPTURE_FAILED;
        } finally {
            stop.cancel(false);
            Interrupts.restore();
        }
        outcome.warnings().forEach(w -> err.println("preemptscope: regress: warning: " + w));
        if (outcome.manifest().error() != null) {
            err.println("preemptscope: regress: " + outcome.manifest().error());
            err.flush();
            return ExitCodes.CAPTURE_FAILED;
        }
        if (userStopped[0]) {
            err.println("preemptscope: regress: interrupted; kept what was captured in " + dir);
            err.flush();
            return outcome.exitStatus();
        }
        if (outcome.manifest().interrupted()) {
            err.println(String.format(Locale.ROOT, "preemptscope: regress: %s mode: still running after %s; stopped"
                    + " as Ctrl-C would, and analysed as a hang", mode.label(), timeout));
        }
        err.flush();
        return null;
    }

    private void writeFile(Path file, ComparisonFormat.Format f, Comparison c) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".part");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8))) {
            ComparisonFormat.write(f, c, checks.strict, w);
            if (w.checkError()) {
                throw new IOException("could not write " + file + " in full (disk full?)");
            }
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean nonEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Files.exists(dir);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return true;
        }
    }
}
