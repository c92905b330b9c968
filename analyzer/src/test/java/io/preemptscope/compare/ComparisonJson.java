package io.preemptscope.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs compare on sample captures and reads its JSON: verdicts by check name. */
final class ComparisonJson {
    private ComparisonJson() {}

    record Outcome(int status, JsonNode json, String err) {
        /** check name to verdict, in the order of the check sets. */
        Map<String, String> verdicts() {
            Map<String, String> out = new TreeMap<>();
            for (JsonNode set : json.get("checkSets")) {
                for (JsonNode c : set.get("checks")) {
                    out.put(c.get("name").asText(), c.get("verdict").asText());
                }
            }
            return out;
        }

        List<String> withVerdict(String verdict) {
            List<String> out = new ArrayList<>();
            verdicts().forEach((k, v) -> {
                if (v.equals(verdict)) {
                    out.add(k);
                }
            });
            return out;
        }

        JsonNode check(String name) {
            for (JsonNode set : json.get("checkSets")) {
                for (JsonNode c : set.get("checks")) {
                    if (c.get("name").asText().equals(name)) {
                        return c;
                    }
                }
            }
            throw new AssertionError("no check " + name);
        }
    }

    static Outcome compare(String checks, String baseline, String candidate, String... extra) {
        List<String> args = new ArrayList<>(List.of("compare", "--format", "json", "--checks", checks));
        args.addAll(List.of(extra));
        args.add(sample(baseline));
        args.add(sample(candidate));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isIn(0, 1);
        try {
            return new Outcome(r.status(), new ObjectMapper().readTree(r.out()), r.err());
        } catch (java.io.IOException e) {
            throw new AssertionError(r.out(), e);
        }
    }

    static String sample(String name) {
        return Corpus.samples().resolve(name).toString();
    }
}
