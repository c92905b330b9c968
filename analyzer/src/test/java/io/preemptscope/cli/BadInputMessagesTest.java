package io.preemptscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What a user sees when the input or an option is wrong (issue 12): words of strace and of the
 * options, the file named, nothing of the JVM, ANTLR or picocli internals.
 */
class BadInputMessagesTest {
    private static final Path SPIN = Corpus.strace("captures/spin/default/f-tt-T.txt");

    /** Words that mean an internal name or an unhandled value reached the user. */
    private static final List<String> FORBIDDEN = List.of("null", "Exception", "java.", "io.preemptscope",
            "mismatched input", "token recognition", "extraneous input", "no viable alternative", "expecting {");

    @TempDir
    Path tmp;

    /** Random bytes with escapes and control characters, as a binary file given by mistake. */
    private Path junk() throws IOException {
        byte[] bytes = new byte[4000];
        new Random(12).nextBytes(bytes);
        bytes[0] = 0x1b;
        bytes[1] = 0x01;
        Path junk = tmp.resolve("junk-synthetic.bin");
        Files.write(junk, bytes);
        return junk;
    }

    private Path file(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void binaryJunkIsDescribedInStraceTermsWithItsBytesEscaped() throws IOException {
        Path junk = junk();
        for (String command : List.of("parse", "analyze")) {
            Cli.Result r = Cli.run(command, junk.toString());
            assertThat(r.status()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.out()).isEmpty();
            List<String> lines = r.err().lines().toList();
            assertThat(lines.get(0)).isEqualTo(junk + ":1: column 1: expected a syscall, signal, exit or 'strace:' line,"
                    + " found \"\\x1b\"");
            // nothing raw reaches the terminal: every character is printable ASCII
            assertThat(r.err().chars().filter(c -> c != '\n' && (c < 0x20 || c > 0x7e)).count()).isZero();
            assertThat(lines).anyMatch(l -> l.matches("preemptscope: " + junk.toString().replace(".", "\\.")
                    + ": [0-9,]+ of [0-9,]+ lines are not strace output; is this a strace log\\?"));
            assertThat(lines.get(lines.size() - 1)).isEqualTo("preemptscope: no strace output found in the input");
        }
    }

    @Test
    void randomTextSaysWhatAStraceLineStartsWithAndWhatWasThere() throws IOException {
        Path text = file("notes-synthetic.txt", "hello world\n12345 frobnicate now\nopen(\"/etc/passwd\", O_RDONLY) = oops\n");
        Cli.Result r = Cli.run("parse", text.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo(String.join("\n",
                text + ":1: column 1: expected a syscall, signal, exit or 'strace:' line, found \"hello\"",
                text + ":2: column 7: expected a syscall, signal, exit or 'strace:' line, found \"frobnicate\"",
                text + ":3: column 33: expected a return value, found \"oops\"",
                "preemptscope: " + text + ": 3 of 3 lines are not strace output; is this a strace log?",
                "preemptscope: no strace output found in the input", ""));
    }

    @Test
    void aOneLineCaptureSaysThatNothingCanBeTimed() throws IOException {
        Path one = file("one-line-synthetic.txt",
                "6092  13:01:40.409790 sched_getaffinity(0, 8192, [0 1]) = 32 <0.000034>\n");
        Cli.Result r = Cli.run("analyze", one.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("\nstrace: 1 thread; a single point in time: durations and latencies cannot be"
                + " measured; sysmon thread not found\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aCaptureWithoutTimestampsSaysSo() throws IOException {
        Path untimed = file("untimed-synthetic.txt", String.join("\n",
                "[pid 100] getpid() = 100",
                "[pid 101] sched_yield() = 0",
                "[pid 100] exit_group(0) = ?",
                ""));
        Cli.Result r = Cli.run("analyze", untimed.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("\nstrace: 2 threads; no timestamps: durations and latencies cannot be measured;");
    }

    @Test
    void analyzeNumbersOutOfRangeAreUsageErrorsThatSayWhatIsAccepted() {
        assertUsage(new String[] {"--go-version", "9.99"},
                "--go-version: 9.99 is not a Go release this tool knows (1.5 to 1.26)");
        assertUsage(new String[] {"--go-version", "1.4"},
                "--go-version: 1.4 is not a Go release this tool knows (1.5 to 1.26)");
        assertUsage(new String[] {"--storm-rate", "0"}, "--storm-rate: must be at least 1, got 0");
        assertUsage(new String[] {"--slack-us", "-5"}, "--slack-us: must be at least 0, got -5");
        assertUsage(new String[] {"--retry-window-ms", "-1"}, "--retry-window-ms: must be at least 1, got -1");
        assertUsage(new String[] {"--max-reported", "-3"}, "--max-reported: must be at least 0, got -3");
        assertUsage(new String[] {"--max-reported", "x"}, "--max-reported: expected a whole number, got 'x'");
        assertUsage(new String[] {"--format", "yaml"}, "--format: expected text or json, got 'yaml'");
        assertUsage(new String[] {"--bogus"}, "unknown option '--bogus'");
    }

    private static void assertUsage(String[] options, String message) {
        List<String> args = new ArrayList<>(List.of("analyze"));
        args.addAll(List.of(options));
        args.add(SPIN.toString());
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.status()).as(String.join(" ", options)).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("preemptscope: " + message + "\nRun 'preemptscope analyze --help' for the options.\n");
    }

    @Test
    void captureNumbersOutOfRangeAreUsageErrors() {
        String out = tmp.resolve("bundle").toString();
        Cli.Result negative = Cli.run("capture", "--pid", "-5", "--duration", "1s", "--out", out);
        assertThat(negative.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.err()).isEqualTo("preemptscope: --pid: must be at least 1, got -5\n"
                + "Run 'preemptscope capture --help' for the options.\n");
        Cli.Result huge = Cli.run("capture", "--pid", "1", "--duration", "99999999999999999999s", "--out", out);
        assertThat(huge.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(huge.err()).startsWith("preemptscope: --duration: expected a duration such as 500ms, 5s or 2m,"
                + " got 99999999999999999999s\n");
        assertThat(tmp.resolve("bundle")).doesNotExist();
    }

    @Test
    void parseMaxReportedIsCheckedToo() {
        Cli.Result r = Cli.run("parse", "--max-reported", "-1", SPIN.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("preemptscope: --max-reported: must be at least 0, got -1\n");
    }

    @Test
    void anExistingOutputFileIsNeverReplacedWithoutForce() throws IOException {
        Path mine = file("mine.json", "keep me\n");
        for (String command : List.of("parse", "analyze")) {
            Cli.Result r = Cli.run(command, "--output", mine.toString(), SPIN.toString());
            assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).startsWith("preemptscope: --output: " + mine + " already exists; pass --force to replace it\n");
            assertThat(Files.readString(mine)).isEqualTo("keep me\n");
        }
    }

    @Test
    void aFailedRunLeavesNoFileAndAnExistingOneUntouched() throws IOException {
        Path junk = junk();
        Path fresh = tmp.resolve("fresh.txt");
        Path mine = file("mine.txt", "keep me\n");
        for (String command : List.of("parse", "analyze")) {
            assertThat(Cli.run(command, "-o", fresh.toString(), junk.toString()).status()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(Cli.run(command, "-o", mine.toString(), "--force", junk.toString()).status())
                    .isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(fresh).doesNotExist();
            assertThat(Files.readString(mine)).isEqualTo("keep me\n");
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
            }
        }
    }

    @Test
    void theOutputFileHoldsWhatStdoutWouldAndForceReplacesIt() throws IOException {
        Path mine = file("stats.json", "old\n");
        Cli.Result toStdout = Cli.run("parse", "--stats", SPIN.toString());
        Cli.Result toFile = Cli.run("parse", "--stats", "-o", mine.toString(), "--force", SPIN.toString());
        assertThat(toFile.status()).isZero();
        assertThat(toFile.out()).isEmpty();
        assertThat(Files.readString(mine)).isEqualTo(toStdout.out());
        Path report = tmp.resolve("report.txt");
        Cli.Result analyze = Cli.run("analyze", "--output", report.toString(), SPIN.toString());
        assertThat(analyze.status()).isZero();
        assertThat(Files.readString(report)).isEqualTo(Cli.run("analyze", SPIN.toString()).out());
    }

    @Test
    void anOutputInAMissingDirectoryIsAUsageError() {
        Path nowhere = tmp.resolve("no-such-dir").resolve("out.json");
        Cli.Result r = Cli.run("parse", "-o", nowhere.toString(), SPIN.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("preemptscope: --output: cannot create a file in " + nowhere.getParent()
                + ": no such file or directory\n");
    }

    @Test
    void everyOptionThatTakesAValueSaysItsDefault() {
        CommandLine main = Main.commandLine();
        for (String command : List.of("parse", "analyze", "capture")) {
            for (OptionSpec option : main.getSubcommands().get(command).getCommandSpec().options()) {
                if (option.arity().max() == 0 || option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                String text = String.join(" ", option.description()).toLowerCase(java.util.Locale.ROOT);
                assertThat(text).as(command + " " + option.longestName()).containsAnyOf("default", "required");
            }
        }
    }

    @Test
    void parseHelpNamesEveryInputKind() {
        Cli.Result r = Cli.run("parse", "--help");
        String help = r.out().replaceAll("\\s+", " ");
        assertThat(help).contains("strace output", "Go 1.5-1.21 binary", "Go 1.22+ binary",
                "the text form of Go's test data", "GODEBUG=schedtrace", "gzip, xz or zstd compressed");
    }

    @Test
    void noMessageNamesJavaAntlrOrNull() throws IOException {
        Path junk = junk();
        Path text = file("text-synthetic.txt", "hello world\nfoo(bar\n1 2 3 4\n+++ exited 3 +++\n--- SIGURG x\n");
        Path cutGzip = tmp.resolve("cut-synthetic.txt.gz");
        Files.write(cutGzip, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Path badXz = tmp.resolve("bad-synthetic.txt.xz");
        Files.write(badXz, new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 1, 2, 3, 4});
        Path badTrace = tmp.resolve("bad-synthetic.trace");
        Files.write(badTrace, "go 1.19 trace\0\0\0\0\1\2".getBytes(StandardCharsets.ISO_8859_1));
        Path empty = Files.createDirectory(tmp.resolve("empty-dir"));
        Path missing = tmp.resolve("missing.txt");
        List<List<String>> battery = new ArrayList<>();
        for (String command : List.of("parse", "analyze")) {
            for (Path input : List.of(junk, text, cutGzip, badXz, badTrace, empty, missing)) {
                battery.add(List.of(command, input.toString()));
                battery.add(List.of(command, "--strict", input.toString()));
            }
            battery.add(List.of(command, "--max-reported", "x", SPIN.toString()));
            battery.add(List.of(command, "--max-reported", "99999999999", SPIN.toString()));
            battery.add(List.of(command, "--format", "yaml", SPIN.toString()));
            battery.add(List.of(command, "--nope", SPIN.toString()));
            battery.add(List.of(command));
            battery.add(List.of(command, "-o", tmp.toString(), SPIN.toString()));
            battery.add(List.of(command, "-o", text.toString(), SPIN.toString()));
        }
        for (String[] options : new String[][] {{"--go-version", "9.99"}, {"--go-version", "banana"},
                {"--go-version", "99999999999.1"}, {"--storm-rate", "0"}, {"--storm-rate", "1e3"}, {"--slack-us", "-5"},
                {"--retry-window-ms", "-1"}, {"--fail-on", "fatal"}, {"--asyncpreemptoff", "maybe"}}) {
            List<String> args = new ArrayList<>(List.of("analyze"));
            args.addAll(List.of(options));
            args.add(SPIN.toString());
            battery.add(args);
        }
        battery.add(List.of("frobnicate"));
        battery.add(List.of());
        for (List<String> args : battery) {
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.status()).as(String.join(" ", args)).isIn(ExitCodes.USAGE, ExitCodes.BAD_INPUT);
            assertThat(r.err()).as(String.join(" ", args)).isNotBlank().doesNotContain(FORBIDDEN);
        }
    }
}
