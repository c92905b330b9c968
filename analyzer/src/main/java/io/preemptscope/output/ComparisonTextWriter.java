package io.preemptscope.output;

import io.preemptscope.compare.CheckResult;
import io.preemptscope.compare.CheckSetResult;
import io.preemptscope.compare.Comparison;
import io.preemptscope.compare.FindingChange;
import io.preemptscope.compare.SideSummary;
import io.preemptscope.compare.Verdict;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison for a reader: who each side is, one table per check set (check | baseline |
 * candidate | change | verdict) with the reason under every check that did not pass, then what
 * changed in the findings.
 */
public final class ComparisonTextWriter {
    private static final String[] HEADER = {"check", "baseline", "candidate", "change", "verdict"};

    private ComparisonTextWriter() {}

    public static void write(Comparison c, boolean strict, PrintWriter out) {
        side(c.baseline(), out);
        side(c.candidate(), out);
        for (CheckSetResult set : c.checkSets()) {
            out.println();
            out.println(String.format(Locale.ROOT, "%s: %d checks, %d passed, %d failed, %d inconclusive", set.name(),
                    set.checks().size(), set.count(Verdict.PASS), set.count(Verdict.FAIL), set.count(Verdict.INCONCLUSIVE)));
            table(set.checks(), out);
            for (CheckResult r : set.checks()) {
                if (r.verdict() != Verdict.PASS) {
                    out.println("  " + r.name() + " (" + r.verdict().label() + "): " + r.sentence());
                }
            }
        }
        out.println();
        findings(c.findingChanges(), out);
        for (String note : c.notes()) {
            out.println("note: " + note);
        }
        out.println(result(c, strict));
        out.flush();
    }

    private static void side(SideSummary s, PrintWriter out) {
        out.println(String.format(Locale.ROOT, "%-10s %s", s.role() + ":", String.join(", ", s.runs())));
        out.println(String.format(Locale.ROOT, "%-10s Go version %s, async preemption %s (%s)", "", s.goVersion(),
                s.asyncPreemption(), s.basis()));
        for (String v : s.variation()) {
            out.println(String.format(Locale.ROOT, "%-10s runs varied: %s", "", v));
        }
    }

    private static void table(List<CheckResult> checks, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (CheckResult r : checks) {
            rows.add(new String[] {r.name(), r.baseline(), r.candidate(), r.change(), r.verdict().label()});
        }
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append(" | ");
                }
                line.append(i == row.length - 1 ? row[i] : pad(row[i], width[i]));
            }
            out.println(line);
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static void findings(List<FindingChange> changes, PrintWriter out) {
        if (changes.isEmpty()) {
            out.println("findings: the same ids, as many of each, on both sides");
            return;
        }
        out.println("findings (baseline → candidate):");
        for (FindingChange f : changes) {
            out.println(String.format(Locale.ROOT, "  %-5s %s (%s): %d → %d", f.change(), f.id(), f.severity(),
                    f.baseline(), f.candidate()));
        }
    }

    static String result(Comparison c, boolean strict) {
        long failed = 0;
        long inconclusive = 0;
        long total = 0;
        for (CheckSetResult s : c.checkSets()) {
            failed += s.count(Verdict.FAIL);
            inconclusive += s.count(Verdict.INCONCLUSIVE);
            total += s.checks().size();
        }
        if (c.failed(strict)) {
            return String.format(Locale.ROOT, "result: FAIL, %d of %d checks failed%s", failed, total,
                    strict && inconclusive > 0 ? ", " + inconclusive + " inconclusive (--strict counts them)" : "");
        }
        return String.format(Locale.ROOT, "result: PASS, %d of %d checks passed%s", total - inconclusive, total,
                inconclusive > 0 ? ", " + inconclusive + " inconclusive (not a failure without --strict)" : "");
    }
}
