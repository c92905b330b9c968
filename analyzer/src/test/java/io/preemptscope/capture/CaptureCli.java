package io.preemptscope.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code preemptscope capture} in a JVM of its own, as a user does: with its own
 * environment (PATH, GODEBUG), its own stdout and stderr, and a pid to send Ctrl-C to.
 */
final class CaptureCli {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    record Result(int status, String out, String err) {}

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private CaptureCli(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** @param env changes to this JVM's environment; a null value removes the variable */
    static CaptureCli start(Map<String, String> env, List<String> args) {
        return startUnder(List.of(), env, args);
    }

    /** As {@link #start}, run by another command, such as {@code timeout -s INT 3}. */
    static CaptureCli startUnder(List<String> wrapper, Map<String, String> env, List<String> args) {
        try {
            Path logs = Files.createTempDirectory("preemptscope-capture-cli");
            List<String> argv = new ArrayList<>(wrapper);
            argv.addAll(List.of(JAVA.toString(), "-cp", System.getProperty("java.class.path"),
                    "io.preemptscope.cli.Main", "capture"));
            argv.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(logs.resolve("out").toFile())
                    .redirectError(logs.resolve("err").toFile());
            pb.environment().remove("GODEBUG");
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            return new CaptureCli(pb.start(), logs.resolve("out"), logs.resolve("err"));
        } catch (IOException e) {
            throw new AssertionError("cannot start java: " + e.getMessage(), e);
        }
    }

    static Result run(Map<String, String> env, String... args) {
        return start(env, List.of(args)).await();
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    long pid() {
        return process.pid();
    }

    Result await() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("capture did not finish within 60 s");
            }
            return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
