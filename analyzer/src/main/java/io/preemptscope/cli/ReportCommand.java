package io.preemptscope.cli;

import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.EvidenceText;
import io.preemptscope.analysis.input.CaptureInput;
import io.preemptscope.analysis.series.CaptureSeries;
import io.preemptscope.capture.Bundle;
import io.preemptscope.capture.CaptureManifest;
import io.preemptscope.input.InputSource;
import io.preemptscope.output.html.CaptureFacts;
import io.preemptscope.output.html.HtmlReport;
import io.preemptscope.util.IoErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code preemptscope report}: the analysis as one self-contained HTML page with charts. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Analyse captures of one run as analyze does and write the result as one self-contained HTML page:"
                    + " a verdict, the capture, the key figures, charts (embedded PNG), the findings with their"
                    + " evidence, and the threads. No JavaScript, nothing fetched from the network.",
            "INPUT is as for analyze: strace logs, Go execution traces, capture bundle directories, or - for standard input.",
            "Default output: NAME.report.html in the current directory, NAME being the first input's base name."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {" 0:ok", " 1:a finding at or above --fail-on", " 2:usage error", " 3:bad or unreadable input"})
public final class ReportCommand implements Callable<Integer> {
    private static final String GENERATOR = "preemptscope report";

    @Mixin
    AnalysisSettings settings;

    @Option(names = "--png-dir", paramLabel = "DIR",
            description = "Also write each chart as DIR/NAME.png (DIR is created; existing PNGs need --force).")
    Path pngDir;

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
        System.setProperty("java.awt.headless", "true");
        refuseExistingPngs();
        try (OutputFileOption.Destination destination = output.open(Path.of(defaultName(captures.paths.get(0))))) {
            PrintWriter err = spec.commandLine().getErr();
            int status = destination.finish(run(destination.out()), err);
            if ((status == ExitCodes.OK || status == ExitCodes.FINDINGS) && output.file() != null) {
                // the page is the result; without this line a default name would leave the user guessing
                err.println("preemptscope: report: wrote " + output.file());
                err.flush();
            }
            return status;
        }
    }

    private int run(PrintWriter out) {
        PrintWriter err = spec.commandLine().getErr();
        CaptureSeries series = new CaptureSeries();
        AnalysisRun.Outcome outcome;
        try {
            outcome = AnalysisRun.run(settings, problems, captures, err, series);
        } catch (AnalysisRun.Failed e) {
            return ExitCodes.BAD_INPUT;
        }
        AnalysisResult result = outcome.result();
        EvidenceText evidence = EvidenceText.read(HtmlReport.evidenceShown(result));
        HtmlReport report = HtmlReport.build(result, series, evidence, facts(outcome.inputs()), GENERATOR + " " + version());
        report.write(out);
        if (pngDir != null) {
            try {
                writePngs(report.pngs());
            } catch (IOException e) {
                err.println("preemptscope: --png-dir: cannot write " + pngDir + ": " + IoErrors.describe(e));
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
        }
        return settings.status(result);
    }

    /** NAME.report.html: the first input's name without the directory and the capture's extensions. */
    public static String defaultName(Path first) {
        if (InputSource.isStdin(first) || first.getFileName() == null) {
            return "stdin.report.html";
        }
        String name = first.getFileName().toString();
        for (String ext : List.of(".gz", ".xz", ".zst", ".txt", ".log", ".strace", ".trace", ".out")) {
            if (name.endsWith(ext) && name.length() > ext.length()) {
                name = name.substring(0, name.length() - ext.length());
            }
        }
        return name + ".report.html";
    }

    /** Checked before any input is read, like -o FILE. */
    private void refuseExistingPngs() {
        if (pngDir == null || output.force) {
            return;
        }
        for (String id : HtmlReport.CHART_IDS) {
            Path file = pngDir.resolve(id + ".png");
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--png-dir: " + file + " already exists; pass --force to replace it");
            }
        }
    }

    private void writePngs(Map<String, byte[]> pngs) throws IOException {
        Files.createDirectories(pngDir);
        for (Map.Entry<String, byte[]> png : pngs.entrySet()) {
            Path file = pngDir.resolve(png.getKey() + ".png");
            if (!output.force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(file + " already exists; pass --force to replace it");
            }
            Path temp = Files.createTempFile(pngDir, "." + png.getKey() + ".", ".part");
            try {
                Files.write(temp, png.getValue());
                if (Files.getFileAttributeView(temp, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                    Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** What capture.json of the first bundle recorded, and each input's kind and size. */
    private CaptureFacts facts(List<CaptureInput> read) {
        List<CaptureFacts.Input> inputs = new ArrayList<>();
        for (CaptureInput in : read) {
            inputs.add(new CaptureFacts.Input(in.name(),
                    switch (in.kind()) {
                        case GO_TRACE -> "Go execution trace";
                        case PERF -> "perf capture (perf script text)";
                        case STRACE -> "strace log";
                    }, size(in.name())));
        }
        Optional<CaptureManifest> manifest = captures.paths.stream().filter(Bundle::isBundle).findFirst()
                .flatMap(CaptureManifest::read);
        if (manifest.isEmpty()) {
            return CaptureFacts.of(inputs);
        }
        CaptureManifest m = manifest.get();
        boolean perf = m.backendOrStrace() == io.preemptscope.capture.CaptureBackend.PERF;
        return new CaptureFacts(m.command(), m.executable(), m.kernel(), perf ? m.perfVersion() : m.straceVersion(),
                perf ? m.perfCommand() : m.straceCommand(), m.mode(), m.filter(), m.start(), m.end(), m.interrupted(),
                m.targetExit(), inputs, perf ? "perf" : "strace");
    }

    private static Long size(String name) {
        try {
            Path p = Path.of(name);
            return Files.isRegularFile(p) ? Files.size(p) : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static String version() {
        String v = ReportCommand.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
