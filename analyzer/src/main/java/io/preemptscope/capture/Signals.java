package io.preemptscope.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Sends signals to other processes; Java's Process API only knows SIGTERM and SIGKILL. */
final class Signals {
    /** Fixed places, not PATH: the caller's PATH may be anything. */
    private static final List<Path> KILL = List.of(Path.of("/usr/bin/kill"), Path.of("/bin/kill"));
    private static final Path SHELL = Path.of("/bin/sh");

    private Signals() {}

    static int number(String name) {
        return switch (name) {
            case "INT" -> 2;
            case "TERM" -> 15;
            default -> throw new IllegalArgumentException("unknown signal " + name);
        };
    }

    /**
     * Sends SIG{@code name} with kill(1), else with the shell's built-in kill (a minimal system has
     * no procps), else SIGTERM, which strace also handles cleanly.
     */
    static void send(long pid, String name) {
        if (!sent(List.of(KILL.stream().filter(Files::isExecutable).findFirst().map(Path::toString).orElse(""),
                "-s", name, Long.toString(pid)))
                && !sent(List.of(SHELL.toString(), "-c", "kill -s " + name + " " + pid))) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }

    private static boolean sent(List<String> command) {
        if (command.get(0).isEmpty() || !Files.isExecutable(Path.of(command.get(0)))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
