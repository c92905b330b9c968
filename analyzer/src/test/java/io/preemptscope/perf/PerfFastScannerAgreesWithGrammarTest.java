package io.preemptscope.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The grammar is the definition of perf script's language: wherever the hand scanner answers, it
 * answers what the grammar does. Every line of the real perf samples, those lines cut short and
 * with bytes replaced (synthetic mutations), and lines written for the scanner's edges.
 */
class PerfFastScannerAgreesWithGrammarTest {
    private static final Path PERF = Path.of("../sample-traces/perf");
    private static final String NASTY = "\0\t \r:/[]().,=>-#xNR9";

    @Test
    void theScannerReadsEveryRealLineAsTheGrammarDoes() throws Exception {
        List<String> lines = realLines();
        PerfLineParser grammar = new PerfLineParser();
        int fast = 0;
        for (int i = 0; i < lines.size(); i++) {
            PerfEvent scanned = PerfFastScanner.scan(i + 1, lines.get(i));
            PerfEvent parsed = grammar.parseWithGrammar(i + 1, lines.get(i));
            assertThat(parsed).as(lines.get(i)).isNotNull();
            if (scanned != null) {
                fast++;
                assertThat(scanned).as(lines.get(i)).isEqualTo(parsed);
            }
        }
        // all of the capture's own shapes go the fast way; the count pins that the comparison ran
        assertThat(lines).hasSize(48_303);
        assertThat(fast).isEqualTo(lines.size());
    }

    @Test
    void mutatedLinesAgreeWhereverTheScannerAnswers() throws Exception {
        List<String> lines = realLines();
        PerfLineParser grammar = new PerfLineParser();
        Random random = new Random(42);
        int answered = 0;
        for (int i = 0; i < lines.size(); i += 3) {
            String line = lines.get(i);
            List<String> variants = new ArrayList<>();
            for (int cut = 0; cut < line.length(); cut += 9) {
                variants.add(line.substring(0, cut));
            }
            for (int k = 0; k < 6; k++) {
                char[] c = line.toCharArray();
                c[random.nextInt(c.length)] = NASTY.charAt(random.nextInt(NASTY.length()));
                variants.add(new String(c));
            }
            for (String v : variants) {
                PerfEvent scanned = PerfFastScanner.scan(1, v);
                if (scanned != null) {
                    answered++;
                    assertThat(scanned).as(v).isEqualTo(grammar.parseWithGrammar(1, v));
                }
            }
        }
        assertThat(answered).isGreaterThan(10_000);
    }

    @Test
    void syntheticEdgesAgree() {
        PerfLineParser grammar = new PerfLineParser();
        for (String line : List.of(
                "  Web Content 4242/4250 [001] 100.000000001: sched:sched_switch: prev_comm=Web Content prev_pid=1",
                "1 2 3/3 [000] 100.5:  raw_syscalls:sys_exit: NR 0 = -4",
                "  sh 1/1 [000] 1.000001: raw_syscalls:sys_enter: NR 39 ()",
                "  sh 1/1 [000] 1.000001: raw_syscalls:sys_enter: NR 39 (5)",
                "  sh 1/1 [000] 1.000001: raw_syscalls:sys_enter: NR 39 ( 5 )",
                "  sh 1/1 [000] 1.000001: raw_syscalls:sys_enter: NR 39 (5,6)",
                "  sh 1/1 [000] 1.000001: raw_syscalls:sys_exit: NR 39 = 99999999999999999999",
                "  sh 1/1 [000] 1.0000000001: raw_syscalls:sys_exit: NR 39 = 1",
                "  sh 1/1 [99999999999] 1.000001: raw_syscalls:sys_exit: NR 39 = 1",
                "  sh 1/1 [000] 1.000001: sig:gen: a=b=c",
                "  sh 1/1 [000] 1.000001: sig:gen: a= b",
                "  sh 1/1 [000] 1.000001: sig:gen: a=",
                "  sh 1/1 [000] 1.000001: sig:gen: A=1",
                "  sh 1/1 [000] 1.000001: sig:gen: ==> a=1",
                "  sh 1/1 [000] 1.000001: sig:gen:",
                "  sh 1/1 [000] 1.000001: sig:gen:x a=1",
                "  a:b: 1/1 [000] 1.000001: sig:gen: a=1",
                "  a:b:c 1/1 [000] 1.000001: sig:gen: a=1",
                "  1/1 [000] 1.000001: 7 PERF_RECORD_SWITCH IN",
                "  x 1/1 1.000001: PERF_RECORD_SWITCH_CPU_WIDE OUT preempt  next pid/tid:  5/6",
                "  x 1/1 1.000001: PERF_RECORD_SWITCH OUT a=b",
                "  x 1.000001: PERF_RECORD_SWITCH OUT",
                "  x [000] 1.000001: PERF_RECORD_SWITCH OUT",
                "\tsh\t1/1\t[000]\t1.000001:\traw_syscalls:sys_exit:\tNR 0 = 0\r")) {
            PerfEvent scanned = PerfFastScanner.scan(1, line);
            if (scanned != null) {
                assertThat(scanned).as(line).isEqualTo(grammar.parseWithGrammar(1, line));
            }
        }
    }

    private static List<String> realLines() throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(PERF)) {
            // the agreement bundles' strace.txt is the other backend's capture of the same run
            for (Path f : files.filter(p -> p.toString().endsWith(".txt") && !p.endsWith("strace.txt")).sorted()
                    .toList()) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.ISO_8859_1));
            }
        }
        return lines;
    }
}
