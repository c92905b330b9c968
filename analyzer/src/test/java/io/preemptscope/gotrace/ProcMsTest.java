package io.preemptscope.gotrace;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.gotrace.decode.GoTraceInput;
import io.preemptscope.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The M a v1 event's P ran on, on real traces: an M holds one P at a time. A goroutine back from a
 * syscall that takes its old P back on its own M (exitsyscallfast, which writes no ProcStart) moves
 * the P to that M.
 */
class ProcMsTest {
    static Stream<Path> v1Traces() throws Exception {
        List<Path> traces = new ArrayList<>(GoTraceCorpus.nonEmptyCaptures());
        try (Stream<Path> pairs = Files.list(Corpus.samples().resolve("join"))) {
            pairs.map(p -> p.resolve("go.trace")).sorted().forEach(traces::add);
        }
        return traces.stream();
    }

    /** Each event's P and M against every other P's M at that moment: no M is named for two Ps at once. */
    private static List<String> sharedMs(Path trace) throws Exception {
        Map<Integer, Long> mOfP = new HashMap<>();
        List<String> shared = new ArrayList<>();
        GoTraceInput.read(trace).replay(new GoTraceInput.Listener() {
            @Override
            public void event(GoEvent e) {
                if (!FakeP.isReal(e.p()) || e.m() < 0) {
                    return;
                }
                if (e.kind() == GoEventKind.PROC_STOPPED) {
                    mOfP.remove(e.p());
                    return;
                }
                mOfP.put(e.p(), e.m());
                mOfP.forEach((p, m) -> {
                    if (p != e.p() && m == e.m()) {
                        shared.add(e.name() + "@" + e.offset() + " P" + e.p() + " and P" + p + " on M" + m);
                    }
                });
            }

            @Override
            public void slice(RunSlice slice) {}

            @Override
            public void preemption(Preemption preemption) {}
        });
        return shared;
    }

    @ParameterizedTest
    @MethodSource("v1Traces")
    void noMRunsTwoPsAtOnce(Path trace) throws Exception {
        assertThat(sharedMs(trace)).isEmpty();
    }

    @Test
    void thePTakenBackFromASyscallRunsOnTheGoroutinesOwnM() throws Exception {
        // strace_blocking_read: g23 entered a syscall on M4; M3 took P0 (ProcStart 3). g23 comes back by
        // the fast path and takes P0 from M3's syscall: GoSysBlock g24, GoSysExit g23 ts=0, GoStart g23
        // on P0, and no ProcStart. P0's events from there on are M4's, as strace's TIDs confirm (the
        // join maps M4 to thread 22018 by 12 syscalls)
        Path trace = GoTraceCorpus.capture("strace_blocking_read_default.trace");
        Map<Long, String> atOffsets = new HashMap<>();
        GoTraceInput.read(trace).replay(new GoTraceInput.Listener() {
            @Override
            public void event(GoEvent e) {
                if (e.offset() == 270 || e.offset() == 273 || e.offset() == 277) {
                    atOffsets.put(e.offset(), e.name() + " P" + e.p() + " g" + e.g() + " M" + e.m());
                }
            }

            @Override
            public void slice(RunSlice slice) {}

            @Override
            public void preemption(Preemption preemption) {}
        });
        assertThat(atOffsets).containsExactlyInAnyOrderEntriesOf(Map.of(
                270L, "GoStart P0 g23 M4",
                273L, "GoSysCall P0 g23 M4",
                277L, "GoEnd P0 g23 M4"));
    }
}
