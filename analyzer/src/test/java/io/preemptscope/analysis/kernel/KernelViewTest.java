package io.preemptscope.analysis.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.perf.PerfEvent;
import io.preemptscope.perf.PerfLineParser;
import io.preemptscope.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What perf shows of the kernel, measured from a real capture (spin, Go 1.19, async preemption
 * on: sample-traces/perf/agreement/spin-native-perf) and held against counts taken from its text,
 * and from a few lines of that capture's shape written here to pin the arithmetic.
 */
class KernelViewTest {
    private static final Path PERF = Corpus.samples().resolve("perf/agreement/spin-native-perf/perf.txt");

    private static KernelView read(List<String> lines) {
        PerfLineParser parser = new PerfLineParser();
        KernelView view = new KernelView();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank() && !lines.get(i).startsWith("#")) {
                view.accept(parser.parse(i + 1, lines.get(i)));
            }
        }
        return view;
    }

    @Test
    void theCountsAreTheCapturesOwn() throws Exception {
        List<String> lines = Files.readAllLines(PERF);
        KernelMetrics k = read(lines).metrics(true);
        assertThat(k.switchesRecorded()).isTrue();
        assertThat(k.involuntarySwitches()).isEqualTo(count(lines, "PERF_RECORD_SWITCH OUT preempt")).isEqualTo(68);
        assertThat(k.voluntarySwitches()).isEqualTo(count(lines, "PERF_RECORD_SWITCH OUT ")
                - count(lines, "PERF_RECORD_SWITCH OUT preempt")).isEqualTo(117);
        assertThat(k.sigurgGenerated()).isEqualTo(count(lines, "signal_generate: sig=23 ")).isEqualTo(21);
        assertThat(k.sigurgAlreadyPending()).isZero();
        assertThat(k.sigurgTargetRunning() + k.sigurgTargetOffCpu()).isEqualTo(21);
        // every generation found its delivery
        assertThat(k.sigurgGenerateToDeliverMs().count()).isEqualTo(count(lines, "signal_deliver: sig=23 "));
        assertThat(k.longUserRuns()).isEqualTo(longRuns(lines));
        // the spinning main thread had nearly all the CPU time
        assertThat(k.busiestThreads().get(0).tid()).isEqualTo(4920);
    }

    @Test
    void offCpuTimeInsideARunIsWhatTheKernelTookFromIt() {
        // synthetic lines in the capture's layout: a run of 30 ms, switched out (preempted) for 12 ms of it
        KernelView view = read(List.of(
                "  bin  1/2  [000]  100.000000000:    raw_syscalls:sys_exit: NR 0 = 1",
                "  bin  1/2  [000]  100.010000000: PERF_RECORD_SWITCH OUT preempt",
                "  bin  1/2  [001]  100.022000000: PERF_RECORD_SWITCH IN         ",
                "  bin  1/3  [000]  100.025000000:   signal:signal_generate: sig=23 errno=0 code=-6 comm=bin pid=2 grp=0 res=0",
                "  bin  1/2  [001]  100.025040000:    signal:signal_deliver: sig=23 errno=0 code=-6 sa_handler=45ed20"
                        + " sa_flags=1c000004",
                "  bin  1/2  [001]  100.030000000:   raw_syscalls:sys_enter: NR 1 (1, 2, 3, 0, 0, 0)"));
        KernelView.LongRun run = view.longRun(2, 100_000_000_000L);
        assertThat(run).isNotNull();
        assertThat(run.endNs() - run.startNs()).isEqualTo(25_040_000L);
        assertThat(run.offCpuNs()).isEqualTo(12_000_000L);
        assertThat(run.onCpuNs()).isEqualTo(13_040_000L);
        assertThat(run.switchedOut()).isEqualTo(1);
        KernelMetrics k = view.metrics(true);
        assertThat(k.sigurgTargetRunning()).isEqualTo(1);
        assertThat(k.sigurgGenerateToDeliverMs().max()).isEqualTo(0.04);
        assertThat(k.involuntarySwitches()).isEqualTo(1);
    }

    private static long count(List<String> lines, String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }

    /** User runs past 10 ms, from the text: a thread's sys_exit to its next sys_enter, signal delivery or exit. */
    private static long longRuns(List<String> lines) {
        Map<String, Double> since = new HashMap<>();
        long runs = 0;
        for (String l : lines) {
            String[] f = l.strip().split("\\s+");
            if (f.length < 5 || !f[1].contains("/")) {
                continue;
            }
            String tid = f[1].substring(f[1].indexOf('/') + 1);
            double t = Double.parseDouble(f[3].replace(":", ""));
            if (l.contains("raw_syscalls:sys_exit:")) {
                since.put(tid, t);
            } else if (l.contains("raw_syscalls:sys_enter:") || l.contains("signal:signal_deliver:")
                    || l.contains("sched:sched_process_exit:")) {
                Double start = since.remove(tid);
                if (start != null && (t - start) * 1e9 > 10_000_000) {
                    runs++;
                }
            }
        }
        return runs;
    }
}
