package io.preemptscope.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.preemptscope.util.IoErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A checks file: a list of {@code {metric, compare, threshold, side}}, in YAML or JSON (JSON is
 * YAML, so one reader takes both). {@code metric} is a path into {@code analyze --format json}
 * ({@code metrics.preemptLatencyMs.p99}, {@code findingCounts.COOP_STARVATION}).
 */
final class ChecksFile extends CheckSet {
    private static final Set<String> FIELDS = Set.of("metric", "compare", "threshold", "side", "name");

    /**
     * @param compare lt, le, eq, ge, gt against the threshold, or not-worse against the baseline
     * @param threshold a number, or for not-worse a number or a percentage of the baseline's value
     * @param side baseline, candidate (default) or both; not-worse reads both
     */
    record FileCheck(String name, String metric, String compare, String threshold, String side) {}

    private final String name;
    private final List<FileCheck> checks;

    private ChecksFile(String name, List<FileCheck> checks) {
        this.name = name;
        this.checks = List.copyOf(checks);
    }

    static ChecksFile read(Path file) throws ChecksFileException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            // one line: the parser's own message runs over several, with a caret drawing
            String what = problem(e.getOriginalMessage());
            throw new ChecksFileException(e.getLocation() == null ? file + ": not YAML or JSON: " + what
                    : String.format(java.util.Locale.ROOT, "%s:%d: column %d: not YAML or JSON: %s", file,
                            e.getLocation().getLineNr(), e.getLocation().getColumnNr(), what));
        } catch (IOException e) {
            throw new ChecksFileException(file + ": cannot be read: " + IoErrors.describe(e));
        }
        if (root != null && root.isObject() && root.has("checks")) {
            root = root.get("checks");
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new ChecksFileException(file + ": expected a list of checks ({metric, compare, threshold, side})");
        }
        List<FileCheck> checks = new ArrayList<>();
        int i = 0;
        for (JsonNode n : root) {
            i++;
            String where = file + ": check " + i;
            if (!n.isObject()) {
                throw new ChecksFileException(where + ": expected {metric, compare, threshold, side}");
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!FIELDS.contains(f)) {
                    throw new ChecksFileException(where + ": unknown field " + f + "; expected metric, compare, threshold, side");
                }
            }
            String metric = text(n, "metric", where, null);
            String compare = text(n, "compare", where, null).toLowerCase(Locale.ROOT);
            if (!Set.of("lt", "le", "eq", "ge", "gt", "not-worse").contains(compare)) {
                throw new ChecksFileException(where + ": compare must be lt, le, eq, ge, gt or not-worse, got " + compare);
            }
            String threshold = text(n, "threshold", where, compare.equals("not-worse") ? "0" : null);
            Threshold.parse(threshold, compare.equals("not-worse"), where);
            String side = text(n, "side", where, "candidate").toLowerCase(Locale.ROOT);
            if (!Set.of("baseline", "candidate", "both").contains(side)) {
                throw new ChecksFileException(where + ": side must be baseline, candidate or both, got " + side);
            }
            String label = n.hasNonNull("name") ? n.get("name").asText()
                    : JsonPath.normalize(metric) + " " + compare + " " + threshold;
            checks.add(new FileCheck(label, JsonPath.normalize(metric), compare, threshold, side));
        }
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return new ChecksFile(fileName, checks);
    }

    private static String text(JsonNode n, String field, String where, String fallback) throws ChecksFileException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw new ChecksFileException(where + ": " + field + " is missing");
            }
            return fallback;
        }
        if (!v.isValueNode()) {
            throw new ChecksFileException(where + ": " + field + " must be a single value");
        }
        return v.asText();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean readsReport() {
        return true;
    }

    @Override
    List<CheckResult> evaluate(SideFigures b, SideFigures c, Tolerances tolerances) {
        List<CheckResult> out = new ArrayList<>();
        for (FileCheck check : checks) {
            out.add(evaluate(check, b, c));
        }
        return out;
    }

    /**
     * The parser's message without what it quotes of the file: SnakeYAML adds "in 'reader', line
     * N" and the offending line with a caret under it, for each mark.
     */
    private static String problem(String message) {
        List<String> lines = message.lines().toList();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            boolean quoted = i + 1 < lines.size() && lines.get(i + 1).strip().equals("^");
            if (!l.isEmpty() && !quoted && !l.equals("^") && !l.startsWith("in 'reader'")) {
                kept.add(l);
            }
        }
        return String.join("; ", kept);
    }

    private static CheckResult evaluate(FileCheck check, SideFigures b, SideFigures c) {
        if (!JsonPath.knownIn(b.runs(), check.metric()) && !JsonPath.knownIn(c.runs(), check.metric())) {
            // a misspelt metric would otherwise be inconclusive, which passes a gate without --strict
            return new CheckResult(check.name(), "-", "-", "-", Verdict.FAIL, check.metric()
                    + " is not a field of analyze --format json on either side: check the metric's name", null);
        }
        Double base = JsonPath.mean(b.runs(), check.metric());
        Double cand = JsonPath.mean(c.runs(), check.metric());
        String baseText = base == null ? "-" : Format.number(base);
        String candText = cand == null ? "-" : Format.number(cand);
        String change = Format.change(base, cand);
        if (check.compare().equals("not-worse")) {
            if (base == null || cand == null) {
                return new CheckResult(check.name(), baseText, candText, change, Verdict.INCONCLUSIVE,
                        check.metric() + " is not in both sides' reports: inconclusive", null);
            }
            Threshold t = Threshold.parse(check.threshold());
            double allowed = t.relative() ? Math.abs(base) * t.value() / 100 : t.value();
            boolean ok = cand - base <= allowed;
            return new CheckResult(check.name(), baseText, candText, change, ok ? Verdict.PASS : Verdict.FAIL,
                    String.format(Locale.ROOT, "%s: candidate %s the baseline's plus %s (larger is worse)",
                            check.metric(), ok ? "within" : "beyond", check.threshold()), null);
        }
        double threshold = Threshold.parse(check.threshold()).value();
        List<String> failed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String side : check.side().equals("both") ? List.of("baseline", "candidate") : List.of(check.side())) {
            Double v = side.equals("baseline") ? base : cand;
            if (v == null) {
                missing.add(side);
            } else if (!holds(v, check.compare(), threshold)) {
                failed.add(side + " " + Format.number(v));
            }
        }
        String rule = check.metric() + " " + check.compare() + " " + Format.number(threshold);
        if (!failed.isEmpty()) {
            return new CheckResult(check.name(), baseText, candText, change, Verdict.FAIL,
                    rule + " does not hold: " + String.join(", ", failed), null);
        }
        if (!missing.isEmpty()) {
            return new CheckResult(check.name(), baseText, candText, change, Verdict.INCONCLUSIVE,
                    check.metric() + " is not in the " + String.join(" and ", missing) + " report: inconclusive", null);
        }
        return new CheckResult(check.name(), baseText, candText, change, Verdict.PASS, rule + " holds", null);
    }

    private static boolean holds(double v, String op, double t) {
        return switch (op) {
            case "lt" -> v < t;
            case "le" -> v <= t;
            case "eq" -> v == t;
            case "ge" -> v >= t;
            case "gt" -> v > t;
            default -> throw new IllegalStateException(op);
        };
    }

    /** A number, or a percentage where not-worse allows one. */
    record Threshold(double value, boolean relative) {
        static Threshold parse(String text) {
            String t = text.strip();
            boolean relative = t.endsWith("%");
            return new Threshold(Double.parseDouble(relative ? t.substring(0, t.length() - 1).strip() : t), relative);
        }

        static void parse(String text, boolean percentAllowed, String where) throws ChecksFileException {
            try {
                Threshold t = parse(text);
                if (t.relative() && !percentAllowed) {
                    throw new ChecksFileException(where + ": a percentage threshold needs compare: not-worse");
                }
            } catch (NumberFormatException e) {
                throw new ChecksFileException(where + ": threshold must be a number" + (percentAllowed ? " or a percentage" : "")
                        + ", got " + text);
            }
        }
    }
}
