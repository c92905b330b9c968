package io.preemptscope.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds programs the way execvp(3) does, so capture checks the same file strace will run. */
final class Executables {
    private Executables() {}

    /** {@code name} itself when it has a slash, else the first match in {@code path} (PATH's value). */
    static Optional<Path> find(String name, String path) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.exists(p) ? Optional.of(p) : Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(":", -1)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir).resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
