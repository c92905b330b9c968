package io.preemptscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What parse and analyze print does not depend on the user's locale: a German one would print
 * decimal commas and dots between thousands where a locale-less format call slipped in.
 */
class OutputLocaleTest {
    private final Locale saved = Locale.getDefault();

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(saved);
    }

    static Stream<List<String>> runs() {
        List<String> straceAndGo = List.of(
                Corpus.samples().resolve("asmspin-default.strace.txt").toString(),
                Corpus.samples().resolve("pipeblock-default.strace.txt").toString(),
                Corpus.samples().resolve("gotest-default.trace").toString(),
                Corpus.samples().resolve("tracespin-default.trace").toString(),
                Corpus.samples().resolve("bundles/spin-go1.13").toString());
        String schedtrace = Corpus.root()
                .resolve("gotrace/captures/schedtrace_tightloop_bounded_default.schedtrace.txt").toString();
        List<List<String>> runs = new ArrayList<>();
        for (String input : straceAndGo) {
            runs.add(List.of("parse", "--stats", "--format", "text", input));
            runs.add(List.of("parse", "--stats", input));
            runs.add(List.of("analyze", "--format", "text", input));
            runs.add(List.of("analyze", "--format", "json", input));
        }
        runs.add(List.of("parse", "--stats", "--format", "text", schedtrace));
        runs.add(List.of("parse", "--stats", schedtrace));
        runs.add(List.of("parse", "--format", "text", schedtrace));
        runs.add(List.of("parse", schedtrace));
        return runs.stream();
    }

    @ParameterizedTest
    @MethodSource("runs")
    void aGermanLocalePrintsWhatTheRootLocalePrints(List<String> args) {
        Locale.setDefault(Locale.ROOT);
        Cli.Result root = Cli.run(args.toArray(String[]::new));
        Locale.setDefault(Locale.GERMANY);
        Cli.Result german = Cli.run(args.toArray(String[]::new));

        assertThat(root.status()).isZero();
        assertThat(root.out()).isNotEmpty();
        assertThat(german.status()).isEqualTo(root.status());
        assertThat(german.out()).isEqualTo(root.out());
        assertThat(german.err()).isEqualTo(root.err());
    }
}
