package io.preemptscope.analysis;

import io.preemptscope.gobinary.GoBuildInfo;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.gotrace.GoVersionRange;
import io.preemptscope.gotrace.decode.GoTraceInput;
import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.check.Checker;
import io.preemptscope.model.check.CheckerSettings;
import io.preemptscope.model.check.Violation;
import io.preemptscope.model.sysmon.SysmonConstants;
import io.preemptscope.model.version.GoVersion;
import io.preemptscope.model.version.RuntimeProfile;
import io.preemptscope.strace.PrefetchingReader;
import io.preemptscope.strace.StraceInputException;
import io.preemptscope.strace.StraceReader;
import io.preemptscope.strace.args.ArgSplitter;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SyscallEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays the captures of one run, strace logs and Go execution traces alike, against the
 * reference model: strace in one streaming pass, traces (already decoded) before it.
 *
 * <p>Whether the runtime sends SIGURG at all (go1.13, or asyncpreemptoff=1) decides which rules
 * apply, and a capture often says so only by what it lacks. Unless the user fixed it, the rules
 * that depend on it wait for the end of the captures, whose own evidence settles it: the
 * process sending itself SIGURG, or async preemptions in a trace, mean async preemption was on.
 */
public final class CaptureAnalysis {
    /** A decoded Go execution trace among the inputs. */
    public record TraceInput(String name, GoTraceInput trace) {}

    private final AnalysisOptions options;
    private final EvidenceRefs refs = new EvidenceRefs();
    private final ReplayMetrics metrics = new ReplayMetrics();
    private final TraceMetrics traceMetrics = new TraceMetrics();
    private Checker checker;
    private StraceReplay replay;
    private RuntimeProfile profile;
    private GoVersion release;
    private String version;
    private final List<String> basis = new ArrayList<>();
    private boolean traceShowsAsync;

    public CaptureAnalysis(AnalysisOptions options) {
        this.options = options;
    }

    /**
     * @param strace the strace captures, or null when there are none
     * @param traces decoded Go traces of the same run
     */
    public AnalysisResult run(StraceReader strace, List<TraceInput> traces, List<String> inputs)
            throws IOException, StraceInputException {
        return run(strace, traces, inputs, () -> { });
    }

    /** As {@link #run(StraceReader, List, List)}, calling {@code onEvent} after each strace event (progress). */
    public AnalysisResult run(StraceReader strace, List<TraceInput> traces, List<String> inputs, Runnable onEvent)
            throws IOException, StraceInputException {
        if (strace == null) {
            return analyse(null, traces, inputs, onEvent);
        }
        try (PrefetchingReader events = new PrefetchingReader(strace)) {
            return analyse(events, traces, inputs, onEvent);
        }
    }

    private AnalysisResult analyse(PrefetchingReader strace, List<TraceInput> traces, List<String> inputs,
            Runnable onEvent) throws IOException, StraceInputException {
        StraceEvent first = strace == null ? null : strace.next();
        chooseVersion(first, traces.stream().map(t -> t.trace().versions()).toList());
        startCheckers();
        for (TraceInput t : traces) {
            try {
                GoTraceReplay.replay(t.name(), t.trace(), refs, checker::observe, traceMetrics);
            } catch (GoTraceFormatException e) {
                // read() decoded the whole trace already: the same bytes cannot fail a second time
                throw new IllegalStateException(t.name() + ": " + e.getMessage(), e);
            }
            traceShowsAsync |= t.trace().asyncPreemptions() > 0;
        }
        for (StraceEvent e = first; e != null; e = strace.next()) {
            replay.accept(e);
            onEvent.run();
        }
        return finish(inputs, strace != null);
    }

    private void chooseVersion(StraceEvent first, List<GoVersionRange> traces) {
        if (options.goVersion() != null) {
            profile = RuntimeProfile.of(options.goVersion());
            release = options.goVersion();
            version = options.goVersion().toString();
            basis.add(options.goVersionSource());
            return;
        }
        Optional<GoBuildInfo> info = buildInfo(first);
        if (info.isPresent()) {
            version = info.get().goVersion();
            release = GoVersion.parse(version);
            profile = RuntimeProfile.of(release);
            basis.add("Go build info of the executable named in execve");
            return;
        }
        for (GoVersionRange range : traces) {
            GoVersion lowest = GoVersion.parse(range.lowest());
            GoVersion highest = GoVersion.parse(range.highest());
            if (RuntimeProfile.of(lowest) == RuntimeProfile.of(highest) || !highest.atLeast(1, 14, 0)) {
                profile = RuntimeProfile.of(highest);
                version = "go" + range.label();
                basis.add("Go trace: " + String.join(", ", range.evidence()));
                return;
            }
            if (lowest.atLeast(1, 14, 0)) {
                profile = RuntimeProfile.of(lowest.atLeast(1, 16, 0) ? lowest : GoVersion.parse("1.16"));
                version = "go" + range.label();
                basis.add("Go trace: " + String.join(", ", range.evidence()));
                return;
            }
        }
        profile = RuntimeProfile.GO1_16_TO_1_25;
    }

    /**
     * One checker serves both assumptions about async preemption: every rule that depends on it
     * decides at the end, with the settings the captures' evidence settles on.
     */
    private void startCheckers() {
        checker = new Checker(settings(Boolean.TRUE.equals(options.asyncpreemptoff())));
        replay = new StraceReplay(checker::observe, refs, metrics);
    }

    private AnalysisResult finish(List<String> inputs, boolean haveStrace) {
        boolean sawAsync = metrics.runtimeSentSigurg() || traceShowsAsync;
        boolean apo;
        if (options.asyncpreemptoff() != null) {
            apo = options.asyncpreemptoff();
        } else {
            apo = profile.asyncPreemption() && !sawAsync;
        }
        if (options.asyncpreemptoff() != null) {
            basis.add(options.asyncpreemptoffSource());
        } else if (!profile.asyncPreemption()) {
            basis.add(profile.label() + " has no async preemption");
        } else if (metrics.runtimeSentSigurg()) {
            basis.add("the process sent itself SIGURG (tgkill), so async preemption was on");
        } else if (traceShowsAsync) {
            basis.add("the trace shows async preemptions, so async preemption was on");
        } else {
            basis.add("no SIGURG and no async preemption anywhere: Go 1.13 behaviour or GODEBUG=asyncpreemptoff=1");
        }
        if (version == null) {
            version = sawAsync ? "go1.14+" : "unknown";
        }

        long slack = options.slackNs() >= 0 ? options.slackNs() : Math.max(SysmonConstants.slackNs(), metrics.overshootP99Ns());
        long delay = metrics.maxSysmonDelayNs() > 0 ? metrics.maxSysmonDelayNs() : SysmonConstants.MAX_DELAY_NS;
        CheckerSettings base = settings(apo);
        CheckerSettings calibrated = new CheckerSettings(base.profile(), apo, delay, slack, base.retryWindowNs(),
                base.stormPerSecondThread(), base.deliveryLatencyNs(), base.restartStormCount(), release);
        Checker chosen = checker;
        List<Violation> violations = chosen.finish(calibrated, !haveStrace || metrics.runsObservable(replay.sysmonTid()));

        List<Finding> findings = new ArrayList<>();
        long coalesced = 0;
        for (Violation v : violations) {
            if (v.id() == AnomalyId.SIGURG_COALESCED) {
                coalesced++;
            }
            findings.add(new Finding(v.id().name(), v.severity(), v.tid(), v.goroutine(), seconds(v.timeNs()),
                    v.refs().stream().map(refs::evidence).toList(), v.id().rule() + " (" + v.id().citation() + ")",
                    v.message()));
        }
        AnalysisMetrics.Calibration calibration = new AnalysisMetrics.Calibration(slack / 1000.0, delay / 1000.0,
                calibrated.preemptDeadlineNs() / 1e6);
        AnalysisMetrics m = metrics.result(coalesced, replay.sysmonTid(), calibration, false);
        if (traceMetrics.present()) {
            m = m.withTrace(traceMetrics.preemptions(), traceMetrics.latency(), traceMetrics.retakes());
        }
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        chosen.counts().forEach((id, n) -> counts.put(id.name(), n));
        return new AnalysisResult(AnalysisResult.SCHEMA, inputs, version, calibrated.profile().label(), apo,
                String.join("; ", basis), m, counts, findings);
    }

    private CheckerSettings settings(boolean apo) {
        CheckerSettings d = CheckerSettings.defaults(profile, apo);
        return new CheckerSettings(profile, apo, d.sysmonDelayNs(), d.slackNs(), options.retryWindowNs(),
                options.stormPerSecond(), d.deliveryLatencyNs(), d.restartStormCount(), release);
    }

    private static BigDecimal seconds(long ns) {
        return BigDecimal.valueOf(ns, 9).stripTrailingZeros();
    }

    /** The Go build info of the program the capture starts with, when that file is here to read. */
    private static Optional<GoBuildInfo> buildInfo(StraceEvent first) {
        if (!(first instanceof SyscallEvent call) || !call.name().equals("execve")) {
            return Optional.empty();
        }
        List<String> args = ArgSplitter.split(call.args());
        if (args.isEmpty() || !args.get(0).startsWith("\"") || !args.get(0).endsWith("\"")) {
            return Optional.empty();
        }
        Path exe = Path.of(args.get(0).substring(1, args.get(0).length() - 1));
        return Files.isRegularFile(exe) ? GoBuildInfo.read(exe) : Optional.empty();
    }
}
