package io.preemptscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the tests find real captures: the shared read-only corpus and the project's samples. */
public final class Corpus {
    private Corpus() {}

    public static Path root() {
        return Path.of(System.getProperty("preemptscope.corpus", "../../shared/corpus")).toAbsolutePath().normalize();
    }

    public static Path samples() {
        return Path.of(System.getProperty("preemptscope.samples", "../sample-traces")).toAbsolutePath().normalize();
    }

    public static Path strace(String relative) {
        return root().resolve("strace").resolve(relative);
    }

    /** Every strace capture file of the shared corpus (public excerpts and generated captures). */
    public static List<Path> straceFiles() {
        return files(root().resolve("strace"), p -> {
            String name = p.getFileName().toString();
            return (name.endsWith(".txt") || name.matches("trace\\.\\d+"))
                    && !name.equals("README.md") && !name.equals("MANIFEST.md")
                    && !name.endsWith(".stderr.txt");
        });
    }

    public static List<Path> sampleStraceFiles() {
        return files(samples(), p -> p.getFileName().toString().endsWith(".strace.txt"));
    }

    private static List<Path> files(Path dir, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(keep).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
