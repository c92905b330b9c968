package io.preemptscope.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputKindTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void goTraceHeadersByVersion() {
        assertThat(InputKind.of(bytes("go 1.19 trace\0\0\0"))).isEqualTo(InputKind.GO_TRACE_V1);
        assertThat(InputKind.of(bytes("go 1.5 trace\0\0\0\0"))).isEqualTo(InputKind.GO_TRACE_V1);
        assertThat(InputKind.of(bytes("go 1.22 trace\0\0\0"))).isEqualTo(InputKind.GO_TRACE_V2);
        assertThat(InputKind.of(bytes("go 1.26 trace\0\0\0"))).isEqualTo(InputKind.GO_TRACE_V2);
        // a damaged header is still a Go trace, for the decoder to explain
        assertThat(InputKind.of(bytes("go 1.x"))).isEqualTo(InputKind.GO_TRACE_V1);
        assertThat(InputKind.of(bytes("go 1.222"))).isEqualTo(InputKind.GO_TRACE_V1);
    }

    @Test
    void textTracesByTheirFirstLine() {
        assertThat(InputKind.of(bytes("-- expect --\nSUCCESS\n"))).isEqualTo(InputKind.GO_TRACE_V2_TEXT);
        assertThat(InputKind.of(bytes("\n  Trace Go1.22\n"))).isEqualTo(InputKind.GO_TRACE_V2_TEXT);
    }

    @Test
    void schedtraceWhenASchedLineIsAmongTheFirstLines() throws IOException {
        String sched = "SCHED 0ms: gomaxprocs=2 idleprocs=1 threads=4 spinningthreads=0 idlethreads=1 runqueue=0 [0 0]\n";
        assertThat(InputKind.of(bytes("hello\n" + sched))).isEqualTo(InputKind.SCHEDTRACE);
        Path late = dir.resolve("late.txt");
        Files.writeString(late, "output\n".repeat(InputKind.SCHEDTRACE_LINES) + sched);
        assertThat(InputKind.of(late)).isEqualTo(InputKind.STRACE);
        Path early = dir.resolve("early.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(early))) {
            out.write(bytes("output\n".repeat(InputKind.SCHEDTRACE_LINES - 1) + sched));
        }
        assertThat(InputKind.of(early)).isEqualTo(InputKind.SCHEDTRACE);
    }

    @Test
    void perfScriptByItsFirstLine() throws IOException {
        // the bundles' layout, perf script's default, and -F without comm, with perf's # header before
        assertThat(InputKind.of(bytes("        bin-spin  6386/6386  [000]  9179.882152098:    raw_syscalls:sys_exit:"
                + " NR 59 = 0\n"))).isEqualTo(InputKind.PERF_SCRIPT);
        assertThat(InputKind.of(bytes("# ========\n# captured on    : Sun Dec  6\n#\n"
                + "        bin-spin  6386 [000]  9179.882152:    raw_syscalls:sys_exit: NR 59 = 0\n")))
                .isEqualTo(InputKind.PERF_SCRIPT);
        assertThat(InputKind.of(bytes(" 6386/6386  [000]  9179.884214280: PERF_RECORD_SWITCH OUT preempt\n")))
                .isEqualTo(InputKind.PERF_SCRIPT);
        Path gz = dir.resolve("perf.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(Path.of("../sample-traces/perf/layouts/spin-native.period.txt")));
        }
        assertThat(InputKind.of(gz)).isEqualTo(InputKind.PERF_SCRIPT);
        // strace -ttt's time has no colon after it, and a pid/tid with a colon is no event
        assertThat(InputKind.of(bytes("6386 1700000000.123456 read(3, \"a: b:\", 5) = 5\n")))
                .isEqualTo(InputKind.STRACE);
        assertThat(InputKind.of(bytes("[pid 6386] 10:21:33.123456: x\n"))).isEqualTo(InputKind.STRACE);
    }

    @Test
    void straceOtherwise() throws IOException {
        assertThat(InputKind.of(bytes("1234  write(1, \"x\", 1) = 1\n"))).isEqualTo(InputKind.STRACE);
        Path empty = dir.resolve("capture.txt");
        Files.createFile(empty);
        assertThat(InputKind.of(empty)).isEqualTo(InputKind.STRACE);
        assertThat(InputKind.of(dir)).isEqualTo(InputKind.STRACE);
        assertThat(InputKind.of(dir.resolve("prefix"))).isEqualTo(InputKind.STRACE);
    }

    @Test
    void anEmptyTraceFileIsABadGoTrace() throws IOException {
        Path hung = dir.resolve("go.trace");
        Files.createFile(hung);
        assertThat(InputKind.of(hung).goTrace()).isTrue();
    }
}
