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

    /** @param withReport render each run as analyze JSON, for checks that read it by path */
    SideAnalysis(AnalysisOptions options, PrintWriter err, boolean strict, int maxReported, boolean withReport) {
        this.options = options;
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
        try (CaptureSet run = CaptureSet.open(in.paths(), System.in, reporter, SameRun.CHECKED)) {
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
