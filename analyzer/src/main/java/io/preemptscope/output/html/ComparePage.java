package io.preemptscope.output.html;

import java.util.List;

/**
 * Everything the comparison page shows, already worded and formatted: the template only lays it
 * out, and jte escapes every value for where it lands.
 *
 * @param verdict one sentence with its tone: pass (ok), fail (error) or inconclusive (warning)
 * @param sides label | baseline | candidate rows: inputs, Go version, async preemption and its basis
 * @param checkSets each check set's table
 * @param findingChanges new / gone / more / fewer, by id
 * @param notes differences the checks do not count, each said once
 * @param charts the charts drawn, in page order
 * @param absentCharts the charts not drawn, each with why
 */
public record ComparePage(
        String title,
        ReportPage.Verdict verdict,
        String verdictWord,
        List<SideRow> sides,
        List<CheckTable> checkSets,
        List<ChangeRow> findingChanges,
        List<String> notes,
        List<ReportPage.Chart> charts,
        List<ReportPage.Row> absentCharts,
        String generator) {

    public record SideRow(String label, String baseline, String candidate) {}

    /** @param summary e.g. "6 passed, 1 inconclusive, 0 failed" */
    public record CheckTable(String name, String summary, List<CheckRow> checks) {}

    /** @param tone ok, error or warning, after the verdict */
    public record CheckRow(String name, String baseline, String candidate, String change, String verdict, String tone,
            String sentence) {}

    /** @param tone new/more error or warning, gone/fewer ok */
    public record ChangeRow(String id, String severity, String baseline, String candidate, String change, String tone) {}
}
