package io.preemptscope.cli;

import io.preemptscope.compare.CheckSet;
import io.preemptscope.compare.ChecksFileException;
import io.preemptscope.compare.Comparison;
import io.preemptscope.compare.Comparisons;
import io.preemptscope.compare.Run;
import io.preemptscope.compare.Tolerances;
import io.preemptscope.input.InputSource;
import io.preemptscope.output.html.CompareReport;
import io.preemptscope.util.IoErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code preemptscope compare}: two captures side by side under check sets, for CI gates. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Analyse a BASELINE and a CANDIDATE capture with the same options and check the candidate against"
                    + " the baseline: go1.14-preemption (the baseline behaves like Go 1.13, the candidate has working"
                    + " async preemption), no-regression (default: the candidate is not worse), or a checks file.",
            "Each side is a capture file, a bundle directory or - (standard input, one side only); --baseline F and"
                    + " --candidate F, repeated, give several files of one run (a strace log and its Go trace)."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {" 0:every check passed (inconclusive ones too, without --strict)", " 1:a check failed",
            " 2:usage error", " 3:bad or unreadable input or checks file"})
public final class CompareCommand implements Callable<Integer> {
    @Option(names = "--baseline", paramLabel = "FILE", description = "A file of the baseline run; repeatable.")
    List<Path> baselineFiles = new ArrayList<>();

    @Option(names = "--candidate", paramLabel = "FILE", description = "A file of the candidate run; repeatable.")
    List<Path> candidateFiles = new ArrayList<>();

    @Parameters(arity = "0..2", paramLabel = "BASELINE CANDIDATE",
            description = "The two captures, when --baseline and --candidate are not given.")
    List<Path> sides = new ArrayList<>();

    @Mixin
    CheckOptions checks;

    @Mixin
    ComparisonFormat format;

    @Mixin
    AnalysisSettings analysis;

    @Option(names = "--max-reported", paramLabel = "N", defaultValue = "20",
            description = "Report at most N unparsable lines per side on stderr (all are counted; default ${DEFAULT-VALUE}).")
    int maxReported;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write the comparison as a self-contained HTML page (charts embedded, no JavaScript);"
                    + " an existing FILE needs --force.")
    Path report;

    @Mixin
    OutputFileOption output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Path> baseline = side("--baseline", baselineFiles, 0);
        List<Path> candidate = side("--candidate", candidateFiles, 1);
        if (Stream.concat(baseline.stream(), candidate.stream()).filter(InputSource::isStdin).count() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "standard input (-) can be read once; name it once");
        }
        if (maxReported < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-reported: must be at least 0, got " + maxReported);
        }
        Tolerances tolerances = checks.tolerances();
        PrintWriter err = spec.commandLine().getErr();
        List<CheckSet> sets;
        try {
            sets = checks.sets(CheckSet.NO_REGRESSION);
        } catch (ChecksFileException e) {
            err.println("preemptscope: --checks: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        if (report != null) {
            System.setProperty("java.awt.headless", "true");
            String refused = HtmlReportFile.refusal("--report", report, output.force);
            if (refused != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), refused);
            }
        }
        SideAnalysis analyser = new SideAnalysis(analysis.options(), err, checks.strict, maxReported,
                sets.stream().anyMatch(CheckSet::readsReport), SideAnalysis.sameRun(analysis, err));
        try (OutputFileOption.Destination destination = output.open()) {
            List<Run> runs;
            try {
                runs = analyser.analyse(List.of(new SideAnalysis.Inputs("baseline", baseline),
                        new SideAnalysis.Inputs("candidate", candidate)));
            } catch (SideAnalysis.SideFailed e) {
                err.println(e.getMessage());
                err.flush();
                return destination.finish(ExitCodes.BAD_INPUT, err);
            }
            Comparison c = Comparisons.compare(List.of(runs.get(0)), List.of(runs.get(1)), sets, tolerances);
            try {
                ComparisonFormat.write(format.format, c, checks.strict, destination.out());
            } catch (IOException e) {
                err.println("preemptscope: cannot write the comparison: " + IoErrors.describe(e));
                err.flush();
                return destination.finish(ExitCodes.BAD_INPUT, err);
            }
            if (report != null) {
                try {
                    List<Run> b = List.of(runs.get(0));
                    List<Run> k = List.of(runs.get(1));
                    CompareReport page = CompareReport.build(c, b, k, checks.strict,
                            "preemptscope compare " + HtmlReportFile.version());
                    HtmlReportFile.write(report, output.force, page::write);
                } catch (IOException e) {
                    err.println("preemptscope: --report: cannot write " + report + ": " + IoErrors.describe(e));
                    err.flush();
                    return destination.finish(ExitCodes.BAD_INPUT, err);
                }
            }
            int own = SideAnalysis.candidateStatus(analysis, List.of(runs.get(1)), err);
            return destination.finish(c.failed(checks.strict) ? ExitCodes.FINDINGS : own, err);
        }
    }

    /** A side's files: the repeated option, or its positional argument; never both, never neither. */
    private List<Path> side(String option, List<Path> files, int position) {
        if (!files.isEmpty() && !sides.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give the sides either as BASELINE CANDIDATE or with --baseline and --candidate, not both");
        }
        if (!files.isEmpty()) {
            return List.copyOf(files);
        }
        if (sides.size() == 2) {
            return List.of(sides.get(position));
        }
        throw new CommandLine.ParameterException(spec.commandLine(), sides.isEmpty() && baselineFiles.isEmpty()
                && candidateFiles.isEmpty() ? "BASELINE and CANDIDATE are required"
                : option + ": the " + option.substring(2) + " side is missing");
    }
}
