package io.preemptscope.analysis;

import io.preemptscope.gobinary.GoBuildInfo;
import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.check.Checker;
import io.preemptscope.model.check.CheckerSettings;
import io.preemptscope.model.check.Violation;
import io.preemptscope.model.sysmon.SysmonConstants;
import io.preemptscope.model.version.GoVersion;
import io.preemptscope.model.version.RuntimeProfile;
import io.preemptscope.strace.StraceInputException;
import io.preemptscope.strace.StraceReader;
import io.preemptscope.strace.args.ArgSplitter;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SyscallEvent;
import io.preemptscope.strace.event.Timestamp;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays strace captures against the reference model in one streaming pass.
 *
 * <p>Whether the runtime sends SIGURG at all (go1.13, or asyncpreemptoff=1) decides which rules
 * apply, and a capture often says so only by what it lacks. Unless the user fixed it, both
 * assumptions are checked side by side and the capture's own evidence picks one at the end:
 * tgkill(SIGURG) sent by the process means async preemption was on.
 */
public final class StraceAnalysis {
    private final AnalysisOptions options;
    private final EvidenceRefs refs = new EvidenceRefs();
    private final ReplayMetrics metrics = new ReplayMetrics();
    private Checker asyncOn;
    private Checker asyncOff;
    private StraceReplay replay;
    private RuntimeProfile profile;
    private String version;
    private String basis;

    public StraceAnalysis(AnalysisOptions options) {
        this.options = options;
    }

    public AnalysisResult run(StraceReader reader, List<String> inputs) throws IOException, StraceInputException {
        StraceEvent first = reader.next();
        start(first);
        for (StraceEvent e = first; e != null; e = reader.next()) {
            replay.accept(e);
        }
        return finish(inputs);
    }

    private void start(StraceEvent first) {
        if (options.goVersion() != null) {
            profile = RuntimeProfile.of(options.goVersion());
            version = options.goVersion().toString();
            basis = "--go-version";
        } else {
            Optional<GoBuildInfo> info = buildInfo(first);
            if (info.isPresent()) {
                version = info.get().goVersion();
                profile = RuntimeProfile.of(GoVersion.parse(version));
                basis = "Go build info of the executable named in execve";
            } else {
                profile = RuntimeProfile.GO1_16_TO_1_25;
                version = null;
                basis = null;
            }
        }
        if (options.asyncpreemptoff() != null) {
            single(options.asyncpreemptoff());
        } else if (!profile.asyncPreemption()) {
            // the setting changes nothing where the runtime never sends SIGURG
            single(false);
        } else {
            asyncOn = new Checker(settings(false));
            asyncOff = new Checker(settings(true));
        }
        replay = new StraceReplay(o -> {
            if (asyncOn != null) {
                asyncOn.observe(o);
            }
            if (asyncOff != null) {
                asyncOff.observe(o);
            }
        }, refs, metrics);
    }

    private void single(boolean apo) {
        if (apo) {
            asyncOff = new Checker(settings(true));
        } else {
            asyncOn = new Checker(settings(false));
        }
    }

    private AnalysisResult finish(List<String> inputs) {
        boolean apo;
        if (asyncOn != null && asyncOff != null) {
            apo = !metrics.runtimeSentSigurg();
        } else {
            apo = asyncOff != null;
        }
        String modeBasis;
        if (options.asyncpreemptoff() != null) {
            modeBasis = "--asyncpreemptoff";
        } else if (!profile.asyncPreemption()) {
            modeBasis = profile.label() + " has no async preemption";
        } else if (metrics.runtimeSentSigurg()) {
            modeBasis = "the process sent itself SIGURG (tgkill), so async preemption was on";
        } else {
            modeBasis = "no tgkill(SIGURG) anywhere in the capture: Go 1.13 behaviour or GODEBUG=asyncpreemptoff=1";
        }
        if (version == null) {
            version = metrics.runtimeSentSigurg() ? "go1.14+" : "unknown";
        }
        String fullBasis = (basis == null ? "" : basis + "; ") + modeBasis;

        long slack = calibratedSlack();
        long delay = metrics.maxSysmonDelayNs() > 0 ? metrics.maxSysmonDelayNs() : SysmonConstants.MAX_DELAY_NS;
        CheckerSettings calibrated = settings(apo).withSlackNs(slack);
        calibrated = new CheckerSettings(calibrated.profile(), apo, delay, slack, calibrated.retryWindowNs(),
                calibrated.stormPerSecondThread(), calibrated.deliveryLatencyNs(), calibrated.restartStormCount());
        Checker chosen = apo ? asyncOff : asyncOn;
        boolean runsObservable = metrics.runsObservable(replay.sysmonTid());
        List<Violation> violations = chosen.finish(calibrated, runsObservable);

        List<Finding> findings = new ArrayList<>();
        long coalesced = 0;
        for (Violation v : violations) {
            if (v.id() == AnomalyId.SIGURG_COALESCED) {
                coalesced++;
            }
            findings.add(new Finding(v.id().name(), v.severity(), v.tid(), null, seconds(v.timeNs()),
                    v.refs().stream().map(refs::source).toList(), v.id().rule() + " (" + v.id().citation() + ")",
                    v.message()));
        }
        AnalysisMetrics.Calibration calibration = new AnalysisMetrics.Calibration(slack / 1000.0, delay / 1000.0,
                calibrated.preemptDeadlineNs() / 1e6);
        return new AnalysisResult(AnalysisResult.SCHEMA, inputs, version, calibrated.profile().label(), apo, fullBasis,
                metrics.result(coalesced, replay.sysmonTid(), calibration, false), findings);
    }

    /** The default slack, or what sysmon's own sleeps overran by in this capture if that is more. */
    private long calibratedSlack() {
        if (options.slackNs() >= 0) {
            return options.slackNs();
        }
        return Math.max(SysmonConstants.slackNs(), metrics.overshootP99Ns());
    }

    private CheckerSettings settings(boolean apo) {
        CheckerSettings d = CheckerSettings.defaults(profile, apo);
        return new CheckerSettings(profile, apo, d.sysmonDelayNs(), d.slackNs(), options.retryWindowNs(),
                options.stormPerSecond(), d.deliveryLatencyNs(), d.restartStormCount());
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

    static boolean present(Timestamp ts) {
        return ts.present();
    }
}
