package io.preemptscope.gotrace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Go trace packages depend one way: the decoders on the model, the facade on both, everything
 * else on the model and the facade only. Checked on the import lines of the sources.
 */
class PackageBoundaryTest {
    private static final Path MAIN = Path.of("src/main/java/io/preemptscope");

    private static List<String> importsOf(String pkg) {
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg), 1)) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream().filter(l -> l.startsWith("import io.preemptscope."))
                            .map(l -> f.getFileName() + ": " + l);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theModelKnowsNoDecoder() {
        assertThat(importsOf("gotrace")).noneMatch(l -> l.contains("io.preemptscope.gotrace.v")
                || l.contains("io.preemptscope.gotrace.decode"));
    }

    @Test
    void theDecodersKnowOnlyTheModelTheGrammarAndTheUtilities() {
        for (String pkg : List.of("gotrace/v1", "gotrace/v2")) {
            assertThat(importsOf(pkg)).isNotEmpty().allMatch(l -> l.matches(".*import io\\.preemptscope\\.(gotrace\\.[A-Z]"
                    + "|util\\.|grammar\\.gotrace\\.|" + pkg.replace('/', '.').replace(".", "\\.") + "\\.).*"), pkg);
        }
    }

    @Test
    void nothingAboveTheFacadeNamesAFormat() {
        for (String pkg : List.of("analysis", "cli", "output")) {
            assertThat(importsOf(pkg)).noneMatch(l -> l.contains("io.preemptscope.gotrace.v1")
                    || l.contains("io.preemptscope.gotrace.v2"));
        }
    }
}
