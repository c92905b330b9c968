package io.preemptscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.analysis.AnalysisOptions;
import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.CaptureAnalysis;
import io.preemptscope.analysis.input.BadInputException;
import io.preemptscope.analysis.input.CaptureSet;
import io.preemptscope.analysis.input.SameRun;
import io.preemptscope.capture.Bundle;
import io.preemptscope.capture.CaptureManifest;
import io.preemptscope.compare.Run;
import io.preemptscope.output.AnalysisJsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Analyses the runs of a comparison exactly as {@code analyze} would, two at a time: on two cores
 * the sides of a compare take little longer than one analyze.
 */
final class SideAnalysis {
    /** A side's inputs could not be analysed; the message says which side and why. */
    static final class SideFailed extends Exception {
        SideFailed(String message) {
            super(message);
        }
    }

    /** The inputs of one run and what it is called. */
    record Inputs(String side, List<Path> paths) {
        String name() {
            return paths.stream().map(Path::toString).collect(Collectors.joining("+"));
        }
    }

    private final AnalysisOptions options;
    private final PrintWriter err;
    private final boolean strict;
    private final int maxReported;
    private final boolean withReport;
    private final SameRun sameRun;

    /**
     * @param withReport render each run as analyze JSON, for checks that read it by path
     * @param sameRun whether the inputs of one side may be refused as not of one run
     */
    SideAnalysis(AnalysisOptions options, PrintWriter err, boolean strict, int maxReported, boolean withReport,
            SameRun sameRun) {
        this.options = options;
        this.sameRun = sameRun;
        this.err = err;
        this.strict = strict;
        this.maxReported = maxReported;
        this.withReport = withReport;
    }

    /** Analyses every run, in order, two in parallel. */
    List<Run> analyse(List<Inputs> runs) throws SideFailed {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(2, Math.max(1, runs.size())), r -> {
            Thread t = new Thread(r, "compare-side");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (Inputs in : runs) {
                futures.add(pool.submit(() -> analyse(in)));
            }
            List<Run> out = new ArrayList<>();
            for (Future<Run> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SideFailed failed) {
                throw failed;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SideFailed("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    private Run analyse(Inputs in) throws SideFailed {
        ProblemReporter reporter = new ProblemReporter(err, strict, maxReported);
        AnalysisResult result;
        try (CaptureSet run = CaptureSet.open(in.paths(), System.in, reporter, sameRun)) {
            result = new CaptureAnalysis(options).run(run);
            reporter.summarize();
            run.requireStraceOutput();
        } catch (BadInputException e) {
            String lines = InputErrors.describe(e).lines().map(l -> "preemptscope: " + in.side() + ": " + l)
                    .collect(Collectors.joining(System.lineSeparator()));
            throw new SideFailed(lines);
        }
        return new Run(in.name(), result, hung(in.paths()), withReport ? report(result) : null);
    }

    /** --same-run of the analysis settings, as analyze applies it. */
    static SameRun sameRun(AnalysisSettings settings, PrintWriter err) {
        return settings.sameRun ? SameRun.asserted(w -> err.println("preemptscope: warning: " + w)) : SameRun.CHECKED;
    }

    /**
     * --fail-on applied to the candidate's own findings, as analyze would: 1 when a run reaches it.
     * Compare gates on the difference; this also gates on what the candidate shows by itself.
     */
    static int candidateStatus(AnalysisSettings settings, List<Run> candidate, PrintWriter err) {
        for (Run r : candidate) {
            if (settings.status(r.result()) != ExitCodes.OK) {
                err.println("preemptscope: --fail-on: " + r.name() + " has a finding at or above " + settings.failOn);
                err.flush();
                return ExitCodes.FINDINGS;
            }
        }
        return ExitCodes.OK;
    }

    /** A bundle whose capture was stopped (Ctrl-C, or regress's timeout) ran until it was stopped. */
    private static boolean hung(List<Path> paths) {
        for (Path p : paths) {
            if (Bundle.isBundle(p) && CaptureManifest.read(p).map(CaptureManifest::interrupted).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode report(AnalysisResult result) {
        StringWriter text = new StringWriter();
        try {
            AnalysisJsonWriter.write(result, new PrintWriter(text));
            return new ObjectMapper().readTree(text.toString());
        } catch (IOException cannotHappen) {
            throw new IllegalStateException("a report in memory could not be written", cannotHappen);
        }
    }
}
