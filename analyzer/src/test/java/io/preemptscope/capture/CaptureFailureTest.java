package io.preemptscope.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a capture cannot be made: exit status 4 and one line that says how to fix it. */
class CaptureFailureTest {
    private static final String PTRACE_FIX = "set /proc/sys/kernel/yama/ptrace_scope to 0 (attaching with --pid"
            + " needs 0, or run as root), and in a container add CAP_SYS_PTRACE (docker run --cap-add SYS_PTRACE)";

    @TempDir
    Path tmp;

    @Test
    void straceMissingFromPath() {
        CaptureCli.Result r = CaptureCli.run(Map.of("PATH", tmp.toString()),
                "--out", tmp.resolve("b").toString(), "--", "/bin/true");

        assertThat(r.status()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("preemptscope: capture: strace is not on PATH; install it: apt-get install -y strace\n");
        assertThat(tmp.resolve("b")).doesNotExist();
    }

    @Test
    void targetNotFound() throws IOException {
        Path bin = fakeStrace("exit 0");
        CaptureCli.Result r = CaptureCli.run(Map.of("PATH", bin.toString()),
                "--out", tmp.resolve("b").toString(), "--", "/nonexistent/prog", "-x");
        assertThat(r.status()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("preemptscope: capture: target not found: /nonexistent/prog does not exist;"
                + " check the command after --\n");

        CaptureCli.Result onPath = CaptureCli.run(Map.of("PATH", bin.toString()),
                "--out", tmp.resolve("b").toString(), "--", "noprog");
        assertThat(onPath.status()).isEqualTo(4);
        assertThat(onPath.err()).isEqualTo("preemptscope: capture: target not found: noprog is not on PATH;"
                + " check the command after --\n");
    }

    @Test
    void targetNotExecutable() throws IOException {
        Path bin = fakeStrace("exit 0");
        Path data = Files.writeString(tmp.resolve("data.txt"), "not a program\n");
        CaptureCli.Result r = CaptureCli.run(Map.of("PATH", bin.toString()),
                "--out", tmp.resolve("b").toString(), "--", data.toString());

        assertThat(r.status()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("preemptscope: capture: target is not an executable file: " + data
                + "; build it or chmod +x it\n");
    }

    @Test
    void ptraceDeniedWhenRunningACommand() throws Exception {
        Path bin = fakeStrace("echo 'strace: ptrace(PTRACE_TRACEME, 0L, 0L, 0L): Operation not permitted' >&2; exit 1");
        Path out = tmp.resolve("b");
        CaptureCli.Result r = CaptureCli.run(Map.of("PATH", bin.toString()), "--out", out.toString(), "--", "/bin/true");

        assertThat(r.status()).isEqualTo(4);
        // strace's own line passes through, then ours
        assertThat(r.err()).isEqualTo("strace: ptrace(PTRACE_TRACEME, 0L, 0L, 0L): Operation not permitted\n"
                + "preemptscope: capture: strace may not trace here (ptrace(PTRACE_TRACEME, 0L, 0L, 0L):"
                + " Operation not permitted): " + PTRACE_FIX + "\n");
        assertThat(Files.readString(out.resolve("capture.json")))
                .contains("\"error\" : \"strace may not trace here (ptrace(PTRACE_TRACEME, 0L, 0L, 0L):")
                .contains("\"straceExit\" : 1,");
    }

    @Test
    void ptraceDeniedWhenAttaching() throws IOException {
        long pid = ProcessHandle.current().pid();
        Path bin = fakeStrace("for a; do pid=$a; done;"
                + " echo \"strace: attach: ptrace(PTRACE_SEIZE, $pid): Operation not permitted\" >&2; exit 1");
        CaptureCli.Result r = CaptureCli.run(Map.of("PATH", bin.toString()),
                "--pid", Long.toString(pid), "--duration", "1s", "--out", tmp.resolve("b").toString());

        assertThat(r.status()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("strace: attach: ptrace(PTRACE_SEIZE, " + pid + "): Operation not permitted\n"
                + "preemptscope: capture: strace may not trace here (attach: ptrace(PTRACE_SEIZE, " + pid
                + "): Operation not permitted): " + PTRACE_FIX + "\n");
    }

    @Test
    void aNonEmptyOutputDirectoryIsKept() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(out.resolve("notes.txt"), "mine\n");
        CaptureCli.Result r = CaptureCli.run("--out", out.toString(), "--", "/bin/true");

        assertThat(r.status()).isEqualTo(4);
        assertThat(r.err()).isEqualTo("preemptscope: capture: " + out + " is not empty: choose another --out,"
                + " or pass --force to replace its capture files (other files are kept)\n");
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine\n");
    }

    @Test
    void optionsThatCannotGoTogetherAreUsageErrors() {
        assertThat(CaptureCli.run("--out", tmp.resolve("b").toString()).status()).isEqualTo(2);
        assertThat(CaptureCli.run("--pid", "1", "--out", tmp.resolve("b").toString()).status()).isEqualTo(2);
        assertThat(CaptureCli.run("--pid", "1", "--duration", "1s", "--mode", "go1.13",
                "--out", tmp.resolve("b").toString()).status()).isEqualTo(2);
        assertThat(CaptureCli.run("--mode", "go1.12", "--out", tmp.resolve("b").toString(), "--", "/bin/true")
                .err()).startsWith("preemptscope: --mode: expected go1.13, go1.14 or native, got go1.12\n");
    }

    /** A strace stand-in that answers -V like strace 6.1 and otherwise runs {@code body}. */
    private Path fakeStrace(String body) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("fakebin"));
        Path strace = bin.resolve("strace");
        Files.writeString(strace, "#!/bin/sh\nif [ \"$1\" = -V ]; then echo 'strace -- version 6.1'; exit 0; fi\n"
                + body + "\n");
        Files.setPosixFilePermissions(strace, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
