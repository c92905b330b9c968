package io.preemptscope.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Dotted paths into {@code analyze --format json}: {@code metrics.sigurgSent},
 * {@code $.metrics.preemptLatencyMs.p99}, {@code findings[0].tid}. A key missing from a map of
 * counts ({@code findingCounts}, {@code eintr}) is 0, as the report leaves zero counts out.
 */
final class JsonPath {
    private JsonPath() {}

    static String normalize(String path) {
        String p = path.strip();
        if (p.startsWith("$.")) {
            p = p.substring(2);
        } else if (p.startsWith("$")) {
            p = p.substring(1);
        }
        return p;
    }

    /** The value at the path, or null when it is absent, null or not a number (true counts as 1). */
    static Double value(JsonNode root, String path) {
        JsonNode node = root;
        JsonNode parent = null;
        for (String step : steps(path)) {
            if (node == null) {
                return null;
            }
            parent = node;
            if (step.startsWith("[")) {
                node = node.get(Integer.parseInt(step.substring(1, step.length() - 1)));
            } else {
                node = node.get(step);
            }
        }
        if (node == null || node.isNull()) {
            return parent != null && isCounts(parent) ? 0.0 : null;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? 1.0 : 0.0;
        }
        return node.isNumber() ? node.doubleValue() : null;
    }

    /**
     * Whether the path names a field of the report, even one that is null here: a key of a map of
     * counts always does, a name the report never writes (a typo) does not.
     */
    static boolean known(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : steps(path)) {
            if (node == null) {
                return false;
            }
            if (step.startsWith("[")) {
                if (!node.isArray()) {
                    return false;
                }
                node = node.get(Integer.parseInt(step.substring(1, step.length() - 1)));
            } else {
                if (isCounts(node) && !node.has(step)) {
                    return true;
                }
                if (!node.has(step)) {
                    return false;
                }
                node = node.get(step);
            }
        }
        return true;
    }

    /** Whether any run's report names the path; see {@link #known(JsonNode, String)}. */
    static boolean knownIn(List<Run> runs, String path) {
        for (Run r : runs) {
            if (r.report() != null && known(r.report(), path)) {
                return true;
            }
        }
        return false;
    }

    /** The mean over the runs that have the value; null when none has it. */
    static Double mean(List<Run> runs, String path) {
        double sum = 0;
        int n = 0;
        for (Run r : runs) {
            Double v = r.report() == null ? null : value(r.report(), path);
            if (v != null) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    private static boolean isCounts(JsonNode node) {
        if (!node.isObject()) {
            return false;
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            if (!it.next().isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                steps.add(part);
                continue;
            }
            if (bracket > 0) {
                steps.add(part.substring(0, bracket));
            }
            String rest = part.substring(bracket);
            while (rest.startsWith("[")) {
                int close = rest.indexOf(']');
                steps.add(rest.substring(0, close + 1));
                rest = rest.substring(close + 1);
            }
        }
        return steps;
    }
}
