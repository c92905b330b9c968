package io.preemptscope.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.preemptscope.gobinary.GoBuildInfo;
import io.preemptscope.util.IoErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs strace or perf over a command (or attaches it to a process), passes the target's output
 * through, and writes the bundle: strace.txt (or perf.data and its perf script text, perf.txt),
 * go.trace when asked for, and capture.json.
 */
public final class LiveCapture {
    /** How long strace gets to detach and flush after SIGINT before it is killed. */
    private static final long STOP_GRACE_SECONDS = 10;
    private static final List<String> OUR_FILES = List.of(Bundle.STRACE, Bundle.PERF_DATA, Bundle.PERF_SCRIPT,
            Bundle.GO_TRACE, Bundle.MANIFEST);

    private final Map<String, String> env;
    private final OutputStream stderr;
    private final PerfHost perfHost;
    /** How long a signal handler may lag behind the signal that killed the target. */
    private static final long SIGNAL_HANDLER_GRACE_MS = 500;
    private final Object lock = new Object();
    /** How long a perf-recorded target may outlive the signal a stop sent it before perf is stopped. */
    private static final long TARGET_GRACE_MS = 2000;
    private Process recorder;
    private ProcessHandle target;
    private String stoppedBy;
    /** A perf run of a command, whose stop goes to the target first. */
    private boolean perfRun;
    /** When a stop signalled a perf-recorded target, or 0. */
    private long stoppedAt;

    /**
     * @param env the environment strace and the target start from (the caller's own)
     * @param stderr where strace's and the target's stderr go, byte for byte
     */
    public LiveCapture(Map<String, String> env, OutputStream stderr) {
        this(env, stderr, PerfHost.live());
    }

    /** @param perfHost where the perf backend reads what the kernel allows (tests fake it) */
    LiveCapture(Map<String, String> env, OutputStream stderr, PerfHost perfHost) {
        this.env = Map.copyOf(env);
        this.stderr = stderr;
        this.perfHost = perfHost;
    }

    /**
     * @param exitStatus what capture exits with: the target's status, 128+signal when interrupted,
     *     or CAPTURE_FAILED's 4 with {@code manifest.error()} saying why
     * @param warnings lines for stderr that do not fail the capture
     */
    public record Outcome(int exitStatus, CaptureManifest manifest, List<String> warnings) {}

    /** Stops a running capture as Ctrl-C would: the recorder flushes, the target gets the signal. */
    public void stop(String signal) {
        synchronized (lock) {
            if (stoppedBy != null) {
                return;
            }
            stoppedBy = signal;
            lock.notifyAll();
            if (recorder != null) {
                stopRecorder();
            }
        }
    }

    public Outcome run(CaptureRequest r) throws CaptureException {
        checkOut(r.out(), r.force());
        boolean perf = r.backend() == CaptureBackend.PERF;
        Path toolExe = perf ? findPerf() : Executables.find("strace", env.get("PATH")).orElseThrow(
                () -> new CaptureException("strace is not on PATH; install it: apt-get install -y strace"));
        String toolVersion = perf ? perfVersion(toolExe) : straceVersion(toolExe);
        Path executable;
        List<String> command;
        if (r.attach()) {
            Path proc = Path.of("/proc", Long.toString(r.pid()));
            if (!Files.isDirectory(proc)) {
                throw new CaptureException("no process " + r.pid() + ": check the --pid value");
            }
            // unreadable for another user's process: the tracer's own attach error says more
            executable = realPath(proc.resolve("exe"));
            command = cmdline(proc.resolve("cmdline"));
        } else {
            command = r.command();
            executable = resolveTarget(command.get(0));
        }
        GoTarget go = executable == null ? new GoTarget(Optional.empty(), false) : GoTarget.of(executable);
        Path log = r.out().resolve(Bundle.STRACE);
        Path perfData = r.out().resolve(Bundle.PERF_DATA);
        Path goTrace = r.out().toAbsolutePath().resolve(Bundle.GO_TRACE);
        List<EnvChange> changes = new ArrayList<>();
        r.mode().asyncpreemptoff().ifPresent(v -> changes.add(new EnvChange("GODEBUG", env.get("GODEBUG"),
                GoDebug.merge(env.get("GODEBUG"), "asyncpreemptoff", v))));
        List<String> targetArgv = new ArrayList<>(command);
        if (r.gotrace()) {
            if (r.gotraceEnv() != null) {
                changes.add(new EnvChange(r.gotraceEnv(), env.get(r.gotraceEnv()), goTrace.toString()));
            } else if (go.testBinary()) {
                // a test binary's own flag; flags must come before the test binary's other arguments
                targetArgv.add(1, "-test.trace=" + goTrace);
            } else {
                throw new CaptureException("--gotrace: " + command.get(0) + " is not a Go test binary (go test -c),"
                        + " which alone takes -test.trace; if the program writes a runtime/trace to a path it reads"
                        + " from an environment variable, name that variable with --gotrace-env NAME");
            }
        }
        List<String> argv = perf ? PerfCommand.record(toolExe, r, perfData, targetArgv)
                : StraceCommand.build(toolExe, r, log, changes, targetArgv);

        // only now that every check passed: a failed capture must not cost the user the old bundle
        clearOut(r.out());
        Instant start = Instant.now();
        CaptureManifest.ClockPair clocks = CaptureManifest.ClockPair.now();
        Process p;
        StderrTee tee;
        Thread pump;
        synchronized (lock) {
            perfRun = perf && !r.attach();
            try {
                ProcessBuilder pb = new ProcessBuilder(argv)
                        .redirectInput(ProcessBuilder.Redirect.INHERIT)
                        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                        .redirectError(ProcessBuilder.Redirect.PIPE);
                pb.environment().clear();
                pb.environment().putAll(env);
                if (perf) {
                    // perf has no -E: the target inherits perf's environment
                    changes.forEach(c -> pb.environment().put(c.name(), c.after()));
                }
                p = pb.start();
            } catch (IOException e) {
                throw new CaptureException("cannot start " + toolExe + ": " + IoErrors.describe(e));
            }
            recorder = p;
            tee = new StderrTee(p.getErrorStream(), stderr, perf ? null : StderrTee.STRACE_MARK);
            pump = new Thread(tee, perf ? "perf-stderr" : "strace-stderr");
            pump.setDaemon(true);
            pump.start();
            if (stoppedBy != null) {
                stopRecorder();
            }
        }
        waitForRecorder(p, r);
        Instant end = Instant.now();
        try {
            pump.join(TimeUnit.SECONDS.toMillis(STOP_GRACE_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String signal;
        synchronized (lock) {
            awaitSignalThatKilledTarget(p.exitValue());
            signal = stoppedBy;
            if (!perf && signal != null && target != null && target.isAlive()) {
                // strace let go of it: give the target the signal the user meant for the capture
                Signals.send(target.pid(), signal);
            }
        }
        boolean interrupted = signal != null;
        int recorderExit = p.exitValue();
        Path recorded = perf ? perfData : log;
        // perf's lines have no mark: once it says it wrote the recording, the rest is the target's
        Optional<String> diagnosed = !perf ? StraceDiagnostics.failure(tee.recorderLines())
                : tee.perfWrote() ? Optional.empty() : PerfDiagnostics.failure(tee.recorderLines());
        String error = diagnosed.orElse(null);
        if (error == null && !interrupted && recorderExit != 0 && isEmpty(recorded)) {
            List<String> lines = tee.recorderLines().stream().filter(l -> !l.isBlank()).toList();
            error = (perf ? "perf record" : "strace") + " failed with exit status " + recorderExit
                    + (lines.isEmpty() ? "" : " (" + lines.get(lines.size() - 1) + ")") + " and recorded nothing";
        }
        List<String> warnings = new ArrayList<>();
        PerfScript.Result script = null;
        if (perf && error == null && !isEmpty(perfData)) {
            script = PerfScript.run(PerfCommand.script(toolExe, perfData), r.out().resolve(Bundle.PERF_SCRIPT));
            if (script.error() != null) {
                error = script.error();
            } else if (script.lostChunks() > 0) {
                warnings.add("perf lost " + script.lostChunks() + " chunks of events (its ring buffer overflowed):"
                        + " the capture misses events; capture a shorter run or use --filter preemption");
            }
        }
        boolean haveTrace = Files.isRegularFile(goTrace) && !isEmpty(goTrace);
        if (r.gotrace() && !haveTrace && error == null) {
            warnings.add("the target wrote no Go execution trace to " + goTrace);
        }
        if (error == null && executable != null && go.buildInfo().isEmpty()) {
            warnings.add(executable + " is not a Go program (it has no Go build info): the capture can show no Go"
                    + " preemption");
        }
        Integer targetExit = r.attach() || interrupted || error != null ? null : recorderExit;
        CaptureManifest manifest = new CaptureManifest(CaptureManifest.SCHEMA, command,
                executable == null ? null : executable.toString(),
                r.attach() ? r.pid() : null, r.duration() == null ? null : r.duration().toString(),
                perf ? null : argv, changes, r.mode().label(), r.filter().label(), perf ? null : Bundle.STRACE,
                haveTrace ? Bundle.GO_TRACE : null, perf ? null : toolVersion, HostInfo.kernel(), HostInfo.cpus(),
                goInfo(go), iso(start), iso(end), targetExit, perf ? null : recorderExit, interrupted, error,
                r.backend().label(), perf ? "CLOCK_MONOTONIC" : "CLOCK_REALTIME", perf ? argv : null,
                perf ? PerfCommand.script(toolExe, perfData) : null, perf ? toolVersion : null,
                perf ? Bundle.PERF_DATA : null, script != null && script.error() == null ? Bundle.PERF_SCRIPT : null,
                perf ? recorderExit : null, script == null ? null : script.lostChunks(), clocks);
        writeManifest(r.out().resolve(Bundle.MANIFEST), manifest);
        int status;
        if (error != null) {
            status = 4;
        } else if (interrupted) {
            status = 128 + Signals.number(signal);
        } else {
            status = r.attach() ? 0 : recorderExit;
        }
        return new Outcome(status, manifest, warnings);
    }

    /**
     * {@code timeout -s INT} and a terminal's Ctrl-C signal the whole process group: strace and the
     * target may die of it before this JVM's handler has run. A target killed by SIGINT or SIGTERM
     * gives the handler a moment, so such a stop is an interruption like any other. Under {@link #lock}.
     */
    private void awaitSignalThatKilledTarget(int straceExit) {
        if (stoppedBy != null || (straceExit != 128 + Signals.number("INT") && straceExit != 128 + Signals.number("TERM"))) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SIGNAL_HANDLER_GRACE_MS);
        try {
            for (long left = SIGNAL_HANDLER_GRACE_MS; stoppedBy == null && left > 0;
                    left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                lock.wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waitForRecorder(Process p, CaptureRequest r) {
        try {
            if (r.attach() && !p.waitFor(r.duration().toMillis(), TimeUnit.MILLISECONDS)) {
                // the capture's planned end, not an interruption
                Signals.send(p.pid(), "INT");
            }
            while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
                synchronized (lock) {
                    if (stoppedBy != null && target == null) {
                        // the target may have been forked after stop(): remember it now
                        target = p.children().findFirst().orElse(null);
                    }
                    if (perfRun && stoppedAt != 0
                            && System.nanoTime() - stoppedAt > TimeUnit.MILLISECONDS.toNanos(TARGET_GRACE_MS)) {
                        // the target outlived its signal: perf stops recording (and sends it SIGTERM)
                        Signals.send(p.pid(), "INT");
                        stoppedAt = 0;
                    }
                }
            }
        } catch (InterruptedException e) {
            stop("INT");
            Thread.currentThread().interrupt();
            try {
                p.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException again) {
                p.destroyForcibly();
            }
        }
    }

    /**
     * Under {@link #lock}, the recorder started. strace gets SIGINT: it detaches and flushes, and the
     * target gets the signal after. perf running a command gets nothing yet: the target gets the
     * signal, and perf records its end and stops when it exits; had perf the SIGINT, it would stop
     * recording and send the target SIGTERM instead. perf attached with --pid gets SIGINT and leaves
     * the target alone, as strace does.
     */
    private void stopRecorder() {
        target = recorder.children().findFirst().orElse(null);
        if (perfRun && target != null) {
            Signals.send(target.pid(), stoppedBy);
            stoppedAt = System.nanoTime();
        } else {
            Signals.send(recorder.pid(), "INT");
        }
    }

    private static void checkOut(Path out, boolean force) throws CaptureException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CaptureException(out + " is a file, not a directory: choose another --out");
        }
        if (Files.isDirectory(out) && !force) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new CaptureException(out + " is not empty: choose another --out, or pass --force"
                            + " to replace its capture files (other files are kept)");
                }
            } catch (IOException e) {
                throw new CaptureException("cannot read " + out + ": " + IoErrors.describe(e));
            }
        }
    }

    private static void clearOut(Path out) throws CaptureException {
        try {
            Files.createDirectories(out);
            for (String name : OUR_FILES) {
                Files.deleteIfExists(out.resolve(name));
            }
        } catch (IOException e) {
            throw new CaptureException("cannot prepare " + out + ": " + IoErrors.describe(e));
        }
    }

    private Path resolveTarget(String name) throws CaptureException {
        Path exe = Executables.find(name, env.get("PATH")).orElseThrow(() -> new CaptureException(
                "target not found: " + name + (name.contains("/") ? " does not exist" : " is not on PATH")
                        + "; check the command after --"));
        if (!Files.isRegularFile(exe) || !Files.isExecutable(exe)) {
            throw new CaptureException("target is not an executable file: " + exe + "; build it or chmod +x it");
        }
        return exe;
    }

    /** perf on PATH, and a host where it may record the capture's tracepoints. */
    private Path findPerf() throws CaptureException {
        Path perf = Executables.find("perf", env.get("PATH")).orElseThrow(() -> new CaptureException(
                "perf is not on PATH; install it: apt-get install -y linux-perf"));
        PerfPreflight.check(perfHost, PerfCommand.TRACEPOINTS);
        return perf;
    }

    /** {@code perf version}'s line; Debian's perf wrapper fails here when no perf matches the kernel. */
    private static String perfVersion(Path perf) throws CaptureException {
        try {
            Process p = new ProcessBuilder(perf.toString(), "version").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String first = text.lines().findFirst().orElse("").trim();
            if (p.waitFor() != 0 || !first.startsWith("perf version")) {
                throw new CaptureException(perf + " version failed" + (first.isEmpty() ? "" : " (" + first + ")")
                        + ": install perf: apt-get install -y linux-perf");
            }
            return first;
        } catch (IOException e) {
            throw new CaptureException("cannot run " + perf + ": " + IoErrors.describe(e)
                    + "; install it: apt-get install -y linux-perf");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureException("interrupted before the capture started");
        }
    }

    private static String straceVersion(Path strace) throws CaptureException {
        try {
            Process p = new ProcessBuilder(strace.toString(), "-V").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || text.isBlank()) {
                throw new CaptureException(strace + " -V failed: is it strace? install it: apt-get install -y strace");
            }
            return text.lines().findFirst().orElse("").trim();
        } catch (IOException e) {
            throw new CaptureException("cannot run " + strace + ": " + IoErrors.describe(e)
                    + "; install it: apt-get install -y strace");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureException("interrupted before the capture started");
        }
    }

    private static Path realPath(Path link) {
        try {
            return link.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> cmdline(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return Arrays.asList(text.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static CaptureManifest.GoInfo goInfo(GoTarget go) {
        Optional<GoBuildInfo> info = go.buildInfo();
        return info.map(i -> new CaptureManifest.GoInfo(i.goVersion(), i.path(), i.settings(), go.testBinary()))
                .orElse(null);
    }

    private static boolean isEmpty(Path file) {
        try {
            return !Files.exists(file) || Files.size(file) == 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS).toString();
    }

    private static void writeManifest(Path file, CaptureManifest m) throws CaptureException {
        try {
            Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(m) + "\n");
        } catch (IOException e) {
            throw new CaptureException("cannot write " + file + ": " + IoErrors.describe(e));
        }
    }
}
