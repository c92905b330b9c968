package io.preemptscope.model.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rule can be checked by a user: it has public sources (the Go source at a release tag, the
 * Linux man pages) and a section in docs/model.md, and the two list the same links.
 */
class AnomalySourcesTest {
    private static final Pattern GO_SOURCE =
            Pattern.compile("https://github\\.com/golang/go/blob/(go1\\.[0-9]+(?:\\.[0-9]+)?(?:rc[0-9]+)?)/src/[A-Za-z0-9_/.]+");
    private static final Pattern MAN_PAGE =
            Pattern.compile("https://man7\\.org/linux/man-pages/man([1-8])/[a-z0-9_]+\\.\\1\\.html");
    /**
     * The golang/go tags the model was read at (preemption-model.md §0); a link to another tag
     * would cite code nobody checked.
     */
    private static final Set<String> TAGS_READ = Set.of("go1.13", "go1.14", "go1.14.1", "go1.15", "go1.16", "go1.17",
            "go1.18", "go1.19", "go1.20", "go1.21.0", "go1.22.0", "go1.23.0", "go1.24.0", "go1.25.0", "go1.26.0",
            "go1.26.5", "go1.27rc2");
    private static final Pattern HEADING = Pattern.compile("^## (.+)$", Pattern.MULTILINE);
    private static final Pattern ID_LIKE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern LINK = Pattern.compile("^- \\[(.+)]\\((\\S+)\\)$", Pattern.MULTILINE);
    private static final Pattern SEVERITY = Pattern.compile("^\\*\\*Severity:\\*\\* ([a-z]+)", Pattern.MULTILINE);

    private static Map<String, String> sections;

    @BeforeAll
    static void readModelDoc() throws IOException {
        // Surefire runs in reference-model/; the document lives at the repository root
        Path doc = Path.of("..", "docs", "model.md");
        if (!Files.exists(doc)) {
            doc = Path.of("docs", "model.md");
        }
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        sections = new LinkedHashMap<>();
        Matcher m = HEADING.matcher(text);
        String name = null;
        int start = 0;
        while (m.find()) {
            if (name != null) {
                assertThat(sections.put(name, text.substring(start, m.start()))).as("duplicate section " + name).isNull();
            }
            name = m.group(1).strip();
            start = m.end();
        }
        if (name != null) {
            sections.put(name, text.substring(start));
        }
    }

    @Test
    void everyIdHasPublicHttpsSources() {
        for (AnomalyId id : AnomalyId.values()) {
            List<Source> sources = id.sources();
            assertThat(sources).as(id + " sources").isNotEmpty().doesNotHaveDuplicates();
            for (Source s : sources) {
                assertThat(s.url()).as(id + " " + s.title()).startsWith("https://");
                Matcher go = GO_SOURCE.matcher(s.url());
                boolean isGo = go.matches();
                boolean isMan = MAN_PAGE.matcher(s.url()).matches();
                assertThat(isGo || isMan).as(id + ": " + s.url() + " is neither golang/go at a go1.* tag nor man7.org")
                        .isTrue();
                if (isGo) {
                    assertThat(TAGS_READ).as(id + ": tag of " + s.url()).contains(go.group(1));
                    // the title names the tag, the file and what to read in it
                    assertThat(s.title()).startsWith(go.group(1) + " src/").contains(": ");
                }
            }
        }
    }

    @Test
    void modelDocIsTheLowercasedIdAnchor() {
        assertThat(AnomalyId.PREEMPT_LATENCY_EXCEEDED.modelDoc()).isEqualTo("docs/model.md#preempt_latency_exceeded");
        for (AnomalyId id : AnomalyId.values()) {
            assertThat(id.modelDoc()).isEqualTo("docs/model.md#" + id.name().toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void modelDocHasASectionForEveryIdAndNoOther() {
        Set<String> ids = Arrays.stream(AnomalyId.values()).map(Enum::name).collect(Collectors.toSet());
        assertThat(sections.keySet()).as("sections of docs/model.md").containsAll(ids);
        List<String> unknown = new ArrayList<>();
        for (String heading : sections.keySet()) {
            if (ID_LIKE.matcher(heading).matches() && !ids.contains(heading)) {
                unknown.add(heading);
            }
        }
        assertThat(unknown).as("sections named like an id that AnomalyId does not have").isEmpty();
    }

    @Test
    void eachSectionListsTheSameSourcesAndSeverity() {
        for (AnomalyId id : AnomalyId.values()) {
            String section = sections.get(id.name());
            assertThat(section).as(id.name()).isNotNull();
            Matcher sev = SEVERITY.matcher(section);
            assertThat(sev.find()).as(id + " has a severity line").isTrue();
            assertThat(sev.group(1)).as(id + " severity").isEqualTo(id.severity().name().toLowerCase(Locale.ROOT));
            int at = section.indexOf("**Sources:**");
            assertThat(at).as(id + " has a Sources list").isGreaterThanOrEqualTo(0);
            List<Source> listed = new ArrayList<>();
            Matcher link = LINK.matcher(section.substring(at));
            while (link.find()) {
                listed.add(new Source(link.group(1).replace("`", ""), link.group(2)));
            }
            assertThat(listed).as(id + ": the Sources of docs/model.md and AnomalyId.sources()")
                    .containsExactlyElementsOf(id.sources());
        }
    }
}
