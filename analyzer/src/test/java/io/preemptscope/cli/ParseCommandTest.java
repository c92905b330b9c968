package io.preemptscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parse command as a user runs it: output, stderr and exit status. */
class ParseCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SPIN = Corpus.strace("captures/spin/default/f-tt-T.txt");

    @TempDir
    Path tmp;

    record Result(int status, String out, String err) {}

    static Result run(String... args) {
        Cli.Result r = Cli.run(args);
        return new Result(r.status(), r.out(), r.err());
    }

    @Test
    void jsonLinesCarryTheFieldsOfEachKind() throws IOException {
        Result r = run("parse", Corpus.strace("captures/pipeblock/default/f-tt-T.txt").toString());
        assertThat(r.status()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3323);
        JsonNode tgkill = JSON.readTree(lines.stream().filter(l -> l.contains("\"line\":546,")).findFirst().orElseThrow());
        assertThat(tgkill.get("kind").asText()).isEqualTo("syscall");
        assertThat(tgkill.get("name").asText()).isEqualTo("tgkill");
        assertThat(tgkill.get("tid").asInt()).isEqualTo(11740);
        assertThat(tgkill.get("ts").decimalValue()).isEqualByComparingTo("43272.009407");
        assertThat(tgkill.get("ret").asInt()).isZero();
        assertThat(tgkill.get("duration").decimalValue()).isEqualByComparingTo("0.000048");
        JsonNode restarted = JSON.readTree(lines.stream().filter(l -> l.contains("\"exitLine\":548")).findFirst().orElseThrow());
        assertThat(restarted.get("ret").isNull()).isTrue();
        assertThat(restarted.get("restart").asText()).isEqualTo("ERESTARTSYS");
        assertThat(restarted.get("errno").isNull()).isTrue();
        assertThat(restarted.get("entry").decimalValue()).isEqualByComparingTo("43272.009327");
        assertThat(restarted.get("exit").decimalValue()).isEqualByComparingTo("43272.009503");
        JsonNode signal = JSON.readTree(lines.stream().filter(l -> l.contains("\"line\":549,")).findFirst().orElseThrow());
        assertThat(signal.get("kind").asText()).isEqualTo("signal");
        assertThat(signal.get("signal").asText()).isEqualTo("SIGURG");
        assertThat(signal.get("si_code").asText()).isEqualTo("SI_TKILL");
        assertThat(signal.get("si_pid").asInt()).isEqualTo(11739);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void statsAsJsonAndAsText() throws IOException {
        Result json = run("parse", "--stats", SPIN.toString());
        assertThat(json.status()).isZero();
        JsonNode stats = JSON.readTree(json.out());
        assertThat(stats.get("format").asText()).isEqualTo("strace");
        assertThat(stats.get("lines").asLong()).isEqualTo(620);
        assertThat(stats.get("unparsed").asLong()).isZero();
        assertThat(stats.get("tgkill").get("SIGURG").asLong()).isEqualTo(stats.get("signals").get("SIGURG").asLong());

        Result text = run("parse", "--stats", "--format", "text", SPIN.toString());
        assertThat(text.status()).isZero();
        assertThat(text.out()).contains("lines       620").contains("tgkill/tkill by signal:");
    }

    @ParameterizedTest
    @ValueSource(strings = {CompressorStreamFactory.GZIP, CompressorStreamFactory.XZ, CompressorStreamFactory.ZSTANDARD})
    void compressedCapturesReadLikeThePlainOne(String kind) throws Exception {
        Path compressed = tmp.resolve("f-tt-T.txt." + kind);
        try (OutputStream out = new CompressorStreamFactory().createCompressorOutputStream(kind, Files.newOutputStream(compressed))) {
            Files.copy(SPIN, out);
        }
        Result plain = run("parse", "--stats", SPIN.toString());
        Result packed = run("parse", "--stats", compressed.toString());
        assertThat(packed.status()).isZero();
        assertThat(JSON.readTree(packed.out())).isEqualTo(JSON.readTree(plain.out()));
    }

    @Test
    void lenientModeReportsEachBadLineAndGoesOn() throws IOException {
        Path damaged = tmp.resolve("synthetic-damaged.txt");
        Files.writeString(damaged, String.join("\n",
                "11579 12:01:07.142449 getpid()          = 11579",
                "this is not strace",
                "11579 12:01:07.142500 exit_group(0)     = ?",
                ""), StandardCharsets.UTF_8);
        Result r = run("parse", "--stats", damaged.toString());
        assertThat(r.status()).isZero();
        assertThat(r.err().strip()).isEqualTo(damaged + ":2: column 1: expected a syscall, signal, exit or 'strace:' line,"
                + " found \"this\"\npreemptscope: " + damaged + ": 1 of 3 lines is not strace output (skipped)");
        assertThat(JSON.readTree(r.out()).get("unparsed").asLong()).isEqualTo(1);
        assertThat(JSON.readTree(r.out()).get("events").asLong()).isEqualTo(2);
    }

    @Test
    void strictModeStopsAtTheFirstBadLineWithStatusThree() throws IOException {
        Path damaged = tmp.resolve("synthetic-damaged.txt");
        Files.writeString(damaged, "11579 getpid() = 11579\n11579 getpid( = oops\n11579 exit_group(0) = ?\n",
                StandardCharsets.UTF_8);
        Result r = run("parse", "--strict", "--stats", damaged.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("preemptscope: " + damaged + ":2: ").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aTruncatedLastLineIsOnlyAWarning() throws IOException {
        Path cut = tmp.resolve("synthetic-cut.txt");
        Files.writeString(cut, "11579 getpid() = 11579\n11579 exit_gr", StandardCharsets.UTF_8);
        Result r = run("parse", "--strict", "--stats", cut.toString());
        assertThat(r.status()).isZero();
        assertThat(r.err()).startsWith("warning: " + cut + ":2: last line is cut short");
        assertThat(JSON.readTree(r.out()).get("truncated").asLong()).isEqualTo(1);
    }

    @Test
    void missingAndUnreadableInputsAreStatusThree() throws IOException {
        Result missing = run("parse", tmp.resolve("nope.txt").toString());
        assertThat(missing.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err().strip()).isEqualTo("preemptscope: " + tmp.resolve("nope.txt") + ": no such file, directory or -ff prefix");

        Path binary = tmp.resolve("synthetic-binary.bin");
        Files.write(binary, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, '\n', 0, 0, '\n'});
        Result notStrace = run("parse", "--stats", binary.toString());
        assertThat(notStrace.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(notStrace.err()).contains("no strace output found in the input");
    }

    @Test
    void usageErrorsAreStatusTwo() {
        assertThat(run("parse").status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("parse", "--format", "yaml", SPIN.toString()).status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("frobnicate").status()).isEqualTo(ExitCodes.USAGE);
        assertThat(run().status()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpEverywhere() {
        Result top = run("--help");
        assertThat(top.status()).isZero();
        assertThat(top.out()).contains("parse").contains("Exit status:");
        Result parse = run("parse", "--help");
        assertThat(parse.status()).isZero();
        assertThat(parse.out()).contains("--stats").contains("--strict").contains("--format");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"parse", "analyze", "capture", "report", "compare",
        "regress", "timeline"})
    void everyCommandsHelpIsCleanOnStderr(String command) {
        // picocli warns on System.err when a description holds a bare '%'
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        Result help;
        try {
            help = run(command, "--help");
        } finally {
            System.setErr(err);
        }
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage: preemptscope " + command);
        assertThat(help.err()).isEmpty();
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void parseAndAnalyzeShareOptionsButNotTheirDefaults() {
        assertThat(run("parse", "--help").out()).contains("jsonl (default for events)").contains("default 50)");
        assertThat(run("analyze", "--help").out()).contains("text (default) or json").contains("default 20)");
        assertThat(run("analyze", "--format", "jsonl", SPIN.toString()).status()).isEqualTo(ExitCodes.USAGE);
    }
}
