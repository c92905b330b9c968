package io.preemptscope.output.html;

import java.util.List;

/**
 * Everything the report's template shows, already worded and formatted: the template only lays it
 * out, and jte escapes every value for where it lands.
 *
 * @param verdict one sentence, with its tone
 * @param capture what was captured, as label and value rows
 * @param inputs each input with its kind and size
 * @param figures the key figures, measured or "not in this capture"
 * @param charts the charts drawn, in page order
 * @param absentCharts the charts not drawn, each with why
 * @param findings by severity, most severe first
 * @param threads the per-thread table, or null without a strace capture
 */
public record ReportPage(
        String title,
        Verdict verdict,
        List<Row> capture,
        List<InputRow> inputs,
        List<Figure> figures,
        List<Chart> charts,
        List<Row> absentCharts,
        List<FindingGroup> findings,
        ThreadTable threads,
        String generator) {

    /** @param tone ok, warning, error or neutral: a CSS class and a colour */
    public record Verdict(String text, String tone, String detail) {}

    public record Row(String label, String value) {}

    public record InputRow(String name, String kind, String size) {}

    /** @param value null when this kind of capture cannot show it */
    public record Figure(String what, String value, String note) {
        public boolean measured() {
            return value != null;
        }
    }

    /**
     * @param dataUri the PNG as a data: URI
     * @param table the numbers behind it, header row first
     */
    public record Chart(String id, String title, String caption, String alt, String dataUri, int width, int height,
            List<List<String>> table, String tableNote) {}

    /** @param tone error, warning or info */
    public record FindingGroup(String severity, String tone, List<FindingCard> cards) {}

    /**
     * One finding id: what happened (the first finding's message), what it means, what to do, the
     * rule, and its instances.
     *
     * @param shownNote null when every instance is shown, else how many more there were
     */
    public record FindingCard(String id, String title, long count, String happened, String meaning, String action,
            String rule, String ruleDoc, List<Link> sources, List<Instance> instances, String shownNote) {}

    public record Link(String title, String url) {}

    public record Instance(String at, String thread, String message, List<EvidenceLine> evidence) {}

    /** @param text the line as the capture has it, empty when it could not be read again */
    public record EvidenceLine(String where, String text) {}

    public record ThreadTable(List<ThreadRow> rows, String note) {}

    public record ThreadRow(String tid, String role, String sigurgReceived, String userTime, String longestRun,
            String eintr) {}
}
