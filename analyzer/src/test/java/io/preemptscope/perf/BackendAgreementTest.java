package io.preemptscope.perf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.model.signal.InterruptClass;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The strace and perf backends judge the same program alike. Each program ran once under
 * {@code capture --backend strace} and once under {@code --backend perf}
 * (sample-traces/perf/capture-agreement.sh): two runs, so counts differ by run-to-run variation,
 * but the verdicts may not.
 */
class BackendAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path AGREEMENT = Corpus.samples().resolve("perf").resolve("agreement");
    private static final Pattern STRACE_SIGURG_SENT = Pattern.compile("tgkill\\(\\d+, \\d+, SIGURG");
    private static final Pattern PERF_SIGURG_SENT = Pattern.compile("sys_enter: NR 234 \\([0-9a-f]+, [0-9a-f]+, 17,");

    private static JsonNode analyze(String bundle) throws Exception {
        Cli.Result r = Cli.run("analyze", "--format", "json", AGREEMENT.resolve(bundle).toString());
        assertThat(r.status()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @ParameterizedTest(name = "{0}: async preemption {1}, SIGURG {2}/{3} (strace) and {4}/{5} (perf), starvation {6}")
    @CsvSource({
        "spin-native, on, 21, 21, 21, 21, none",
        "spin-go1.13, off, 0, 0, 0, 0, COOP_STARVATION",
        "seed-native, on, 1, 1, 2, 2, none",
        "seed-go1.13, off, 0, 0, 0, 0, COOP_STARVATION",
        "echo-native, on, 17, 17, 13, 13, none",
        "echo-go1.13, off, 0, 0, 0, 0, none",
        "pipeblock-native, on, 217, 217, 108, 108, none",
        "pipeblock-go1.13, off, 0, 0, 0, 0, COOP_STARVATION STW_STRAGGLER",
    })
    void bothBackendsGiveTheSameVerdicts(String run, String mode, long straceSent, long straceDelivered,
            long perfSent, long perfDelivered, String starvation) throws Exception {
        JsonNode strace = analyze(run + "-strace");
        JsonNode perf = analyze(run + "-perf");

        assertThat(strace.get("asyncPreemption").asText()).isEqualTo(mode);
        assertThat(perf.get("asyncPreemption").asText()).isEqualTo(mode);

        // each backend counts what its own capture holds, line for line
        assertThat(count(run + "-strace/strace.txt", STRACE_SIGURG_SENT)).isEqualTo(straceSent);
        assertThat(count(run + "-strace/strace.txt", Pattern.compile("--- SIGURG "))).isEqualTo(straceDelivered);
        assertThat(count(run + "-perf/perf.txt", PERF_SIGURG_SENT)).isEqualTo(perfSent);
        assertThat(count(run + "-perf/perf.txt", Pattern.compile("signal_deliver: sig=23 "))).isEqualTo(perfDelivered);
        assertThat(metric(strace, "sigurgSent")).isEqualTo(straceSent);
        assertThat(metric(strace, "sigurgDelivered")).isEqualTo(straceDelivered);
        assertThat(metric(perf, "sigurgSent")).isEqualTo(perfSent);
        assertThat(metric(perf, "sigurgDelivered")).isEqualTo(perfDelivered);
        // two runs of one program: none in both, or some in both. strace's own stops lengthen what it
        // traces: pipeblock's syscall-heavy run drew twice the SIGURGs under strace as under perf
        assertThat(perfSent == 0).isEqualTo(straceSent == 0);
        assertThat(Math.max(perfSent, straceSent)).isLessThanOrEqualTo(Math.max(2, 5 * Math.min(perfSent, straceSent) / 2));

        assertThat(starvation(perf)).isEqualTo(starvation(strace))
                .isEqualTo(starvation.equals("none") ? Set.of() : Set.of(starvation.split(" ")));
        assertThat(interruptClasses(perf)).isEqualTo(interruptClasses(strace));
        assertThat(perf.get("findings")).allSatisfy(f -> assertThat(f.get("capture").asText()).isEqualTo("perf"));
        assertThat(strace.get("findings")).allSatisfy(f -> assertThat(f.get("capture").asText()).isEqualTo("strace"));
    }

    @Test
    void syscallsInterruptedBySigurgAreTheSameKindsInBoth() throws Exception {
        // pipeblock: timed futex waits cut short (ERESTART_RESTARTBLOCK, EINTR back from rt_sigreturn)
        // and untimed ones restarted (ERESTARTSYS under SA_RESTART), in both captures
        JsonNode strace = analyze("pipeblock-native-strace").get("metrics");
        JsonNode perf = analyze("pipeblock-native-perf").get("metrics");
        assertThat(strace.get("eintr").toString()).isEqualTo("{\"futex\":12}");
        assertThat(perf.get("eintr").toString()).isEqualTo("{\"futex\":2}");
        assertThat(strace.get("restarts").toString()).isEqualTo("{\"futex\":1,\"read\":2}");
        assertThat(perf.get("restarts").toString()).isEqualTo("{\"futex\":1}");
        // the capture's own lines: a futex left -516 (twice) and -512 (once) right before a SIGURG delivery
        List<String> lines = Files.readAllLines(AGREEMENT.resolve("pipeblock-native-perf/perf.txt"));
        long restartBlocks = 0;
        long restartSys = 0;
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).contains("sys_exit: NR 202 = ")) {
                String tid = lines.get(i).strip().split("\\s+")[1];
                String next = lines.subList(i + 1, lines.size()).stream().filter(l -> l.contains(" " + tid + " "))
                        .findFirst().orElse("");
                if (next.contains("signal_deliver: sig=23 ")) {
                    restartBlocks += lines.get(i).endsWith("= -516") ? 1 : 0;
                    restartSys += lines.get(i).endsWith("= -512") ? 1 : 0;
                }
            }
        }
        assertThat(restartBlocks).isEqualTo(2);
        assertThat(restartSys).isEqualTo(1);
    }

    @Test
    void theHungSeedIsAHangInBothAndPerfSaysTheThreadWasOnACpu() throws Exception {
        JsonNode perf = analyze("seed-go1.13-perf");
        JsonNode hang = perf.get("findings").get(0);
        assertThat(hang.get("id").asText()).isEqualTo("COOP_STARVATION");
        assertThat(hang.get("severity").asText()).isEqualTo("warning");
        assertThat(hang.get("message").asText())
                .startsWith("thread 5205 ran user code without a syscall for 2091.2 ms and was still running when it"
                        + " received SIGINT: a hang.")
                .endsWith("; perf: on a CPU 2064.827 ms of the 2091.22 ms, switched out 55 times (off any CPU 26.393 ms)");
        // the run began where mmap returned, the line perf printed it on
        JsonNode at = hang.get("evidence").get(0);
        assertThat(at.get("file").asText()).endsWith("seed-go1.13-perf/perf.txt");
        String line = Files.readAllLines(AGREEMENT.resolve("seed-go1.13-perf/perf.txt")).get(at.get("line").asInt() - 1);
        assertThat(line).contains("5205/5205").contains("raw_syscalls:sys_exit: NR 9 = ");

        JsonNode strace = analyze("seed-go1.13-strace");
        assertThat(strace.get("findings").get(0).get("message").asText())
                .startsWith("thread 5159 ran user code without a syscall for 2452.6 ms and was still running when it"
                        + " received SIGINT: a hang.");
    }

    private static Set<String> starvation(JsonNode result) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode f : result.get("findings")) {
            String id = f.get("id").asText();
            boolean judged = !f.get("severity").asText().equals("info");
            if (judged && (id.equals("COOP_STARVATION") || id.equals("PREEMPT_LATENCY_EXCEEDED")
                    || id.equals("STW_STRAGGLER"))) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The classes (InterruptClass) of the syscalls that saw EINTR or were restarted. */
    private static Set<String> interruptClasses(JsonNode result) {
        Set<String> classes = new TreeSet<>();
        for (String field : new String[] {"eintr", "restarts"}) {
            JsonNode counts = result.get("metrics").get(field);
            StreamSupport.stream(((Iterable<String>) counts::fieldNames).spliterator(), false)
                    .forEach(name -> classes.add(field + ":" + InterruptClass.of(name, false)));
        }
        return classes;
    }

    private static long metric(JsonNode result, String field) {
        return result.get("metrics").get(field).asLong();
    }

    private static long count(String file, Pattern p) throws Exception {
        try (var lines = Files.lines(AGREEMENT.resolve(file))) {
            return lines.filter(l -> p.matcher(l).find()).count();
        }
    }
}
