package io.preemptscope.output.html;

import io.preemptscope.analysis.AnalysisMetrics;
import io.preemptscope.analysis.AnalysisResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The "capture" section: what ran, under which Go and kernel, traced how and when; and each input. */
final class CaptureSection {
    private static final String NOT_RECORDED = "not recorded (a capture bundle's capture.json records it)";

    private CaptureSection() {}

    static List<ReportPage.Row> rows(AnalysisResult r, CaptureFacts f) {
        AnalysisMetrics m = r.metrics();
        List<ReportPage.Row> rows = new ArrayList<>();
        rows.add(new ReportPage.Row("command", f.command().isEmpty() ? NOT_RECORDED : String.join(" ", f.command())));
        if (f.executable() != null) {
            rows.add(new ReportPage.Row("executable", f.executable()));
        }
        String go = r.profile() == null ? r.goVersion() : r.goVersion() + ", model " + r.profile()
                + ("unknown".equals(r.asyncPreemption()) ? ", async preemption unknown"
                        : r.asyncpreemptoff() ? ", async preemption off" : ", async preemption on");
        rows.add(new ReportPage.Row("Go", go));
        rows.add(new ReportPage.Row("why this Go", r.goVersionBasis()));
        rows.add(new ReportPage.Row("kernel", f.kernel() == null ? NOT_RECORDED : f.kernel()));
        String tracer = f.backend() != null ? f.backend() : m.kernel() != null ? "perf" : "strace";
        rows.add(new ReportPage.Row(tracer, f.straceVersion() == null ? NOT_RECORDED : f.straceVersion()));
        if (!f.straceCommand().isEmpty()) {
            rows.add(new ReportPage.Row(tracer + " command", String.join(" ", f.straceCommand())));
        }
        if (f.mode() != null) {
            rows.add(new ReportPage.Row("capture mode", f.mode() + (f.filter() == null ? "" : ", filter " + f.filter())));
        }
        if (f.start() != null) {
            rows.add(new ReportPage.Row("captured", f.start() + " to " + (f.end() == null ? "?" : f.end())
                    + (Boolean.TRUE.equals(f.interrupted()) ? " (interrupted by Ctrl-C or SIGTERM)" : "")));
        }
        if (f.targetExit() != null) {
            rows.add(new ReportPage.Row("program's exit status", String.valueOf(f.targetExit())));
        }
        if (m.threads() > 0) {
            rows.add(new ReportPage.Row(tracer.equals("perf") ? "perf capture" : "strace log", String.format(Locale.ROOT, "%s thread%s%s; sysmon thread %s",
                    Format.count(m.threads()), m.threads() == 1 ? "" : "s",
                    m.timed() ? " over " + Format.ms(m.durationMs()) + " ms" : ", no timestamps",
                    m.sysmon().tid() < 0 ? "not found" : String.valueOf(m.sysmon().tid()))));
        }
        return rows;
    }

    static List<ReportPage.InputRow> inputs(CaptureFacts f) {
        return f.inputs().stream().map(i -> new ReportPage.InputRow(i.name(), i.kind(),
                i.sizeBytes() == null ? "read once (a pipe or standard input)" : Format.bytes(i.sizeBytes()))).toList();
    }
}
