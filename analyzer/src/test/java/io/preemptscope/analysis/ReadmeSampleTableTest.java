package io.preemptscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The README's table of what the sample captures show, held to what analyze prints of them. */
class ReadmeSampleTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path README = Corpus.samples().resolveSibling("README.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\| (.*) \\| (.*) \\| (.*) \\|$");
    private static final Pattern SENT = Pattern.compile("(\\d+)(?: \\((\\d+)\\))?");
    private static final Pattern MS = Pattern.compile("(\\d+\\.\\d) ms");
    private static final Pattern BAND = Pattern.compile("band 10–(\\d+\\.\\d) ms");
    private static final Pattern LONGEST = Pattern.compile("longest run (\\d+\\.\\d) ms");
    private static final Pattern ID = Pattern.compile("\\b([A-Z][A-Z0-9_]{5,})\\b");

    record Row(String capture, String sent, String p50, String findings) {
        @Override
        public String toString() {
            return capture;
        }
    }

    static Stream<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(README)) {
            if (line.startsWith("What the sample captures show")) {
                inTable = true;
            } else if (inTable && line.startsWith("#")) {
                break;
            }
            Matcher m = ROW.matcher(line);
            if (inTable && m.matches()) {
                rows.add(new Row(m.group(1), m.group(2), m.group(3), m.group(4)));
            }
        }
        assertThat(rows).as("the README's sample table").hasSizeGreaterThanOrEqualTo(5);
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theReadmeRowIsWhatAnalyzePrints(Row row) throws IOException {
        Cli.Result r = Cli.run("analyze", "--format", "json",
                Corpus.samples().resolve(row.capture() + ".strace.txt").toString());
        JsonNode result = JSON.readTree(r.out());
        JsonNode m = result.get("metrics");
        JsonNode sysmon = m.get("sigurgBySender").get("sysmon");

        Matcher sent = SENT.matcher(row.sent());
        assertThat(sent.matches()).as(row.sent()).isTrue();
        assertThat(m.get("sigurgSent").asLong()).isEqualTo(Long.parseLong(sent.group(1)));
        if (sent.group(2) != null) {
            assertThat(sysmon.get("sent").asLong()).isEqualTo(Long.parseLong(sent.group(2)));
        }

        JsonNode p50 = sysmon.get("userRunBeforeDeliveryMs").get("p50");
        if (row.p50().startsWith("–")) {
            assertThat(p50.isNull()).isTrue();
        } else {
            Matcher ms = MS.matcher(row.p50());
            assertThat(ms.find()).isTrue();
            assertThat(String.format(Locale.ROOT, "%.1f", p50.asDouble())).isEqualTo(ms.group(1));
        }
        Matcher band = BAND.matcher(row.p50());
        if (band.find()) {
            assertThat(String.format(Locale.ROOT, "%.1f", m.get("calibration").get("preemptDeadlineMs").asDouble()))
                    .isEqualTo(band.group(1));
        }
        Matcher longest = LONGEST.matcher(row.p50());
        if (longest.find()) {
            assertThat(String.format(Locale.ROOT, "%.1f", m.get("longestUserRun").get("ms").asDouble()))
                    .isEqualTo(longest.group(1));
        }

        Set<String> warnings = new TreeSet<>();
        result.get("findings").forEach(f -> {
            if (!f.get("severity").asText().equals("info")) {
                warnings.add(f.get("id").asText());
            }
        });
        if (row.findings().equals("none")) {
            assertThat(result.get("findingCounts").size()).isZero();
        } else if (row.findings().contains("info only")) {
            assertThat(warnings).isEmpty();
        } else {
            String named = row.findings().substring(0, row.findings().indexOf(':'));
            Set<String> ids = new TreeSet<>();
            ID.matcher(named).results().forEach(x -> ids.add(x.group(1)));
            assertThat(warnings).isEqualTo(ids);
        }
    }
}
