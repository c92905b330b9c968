package io.preemptscope.output.html;

import java.util.List;

/**
 * The charts of a page: each one drawn, with its PNG and the numbers behind it, and for each one
 * not drawn its title and why. Shared by the single report and the comparison.
 *
 * @param absent the charts this capture has no data for, with the reason
 */
record DrawnCharts(List<Chart> drawn, List<ReportPage.Row> absent) {

    /** A chart drawn: its PNG and the numbers behind it. */
    record Chart(String id, String title, String caption, String alt, byte[] png, int width, int height,
            List<List<String>> table, String tableNote) {}
}
