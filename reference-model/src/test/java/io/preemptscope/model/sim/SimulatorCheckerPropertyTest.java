package io.preemptscope.model.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.model.anomaly.AnomalyId;
import io.preemptscope.model.check.Checker;
import io.preemptscope.model.check.CheckerSettings;
import io.preemptscope.model.check.Observation;
import io.preemptscope.model.check.Violation;
import io.preemptscope.model.signal.InterruptOutcome;
import io.preemptscope.model.signal.SignalHandler;
import io.preemptscope.model.version.RuntimeProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator and the checker implement the same model, so the checker must accept what the
 * simulator produces, except where the model itself says something is wrong. Precisely, for every
 * profile, both asyncpreemptoff settings and every generated workload ({@link Workloads}):
 *
 * <ol>
 *   <li>the checker's findings, as (anomaly id, tid, time), are exactly
 *       <ul>
 *         <li>one COOP_STARVATION per user run longer than the preemption deadline (30.3 ms), when
 *             the runtime sends no SIGURG (go1.13, or asyncpreemptoff=1): §4.2 says nothing can
 *             stop call-free code then, and §7 A2 takes such a run as the evidence;
 *         <li>one ALWAYS_EINTR_INTERRUPTED (INFO) per blocking call that SIGURG interrupted and
 *             whose restart code gives EINTR once Go's handler ran (§5.5: nanosleep, pselect6);
 *       </ul>
 *       and nothing else;
 *   <li>when the runtime sends SIGURG, every user run longer than the deadline was sent one (§1.9),
 *       so PREEMPT_LATENCY_EXCEEDED never applies.
 * </ol>
 */
class SimulatorCheckerPropertyTest {
    private static final int SEEDS = 60;

    // Besides the generated workloads, every SIGURG-sending setting also runs the
    // tgkill/entersyscall race once per interrupt class (Workloads.race), which random
    // workloads hit too rarely to rely on.

    @Test
    void checkerFindsExactlyWhatTheModelPredicts() {
        int runs = 0;
        int starvations = 0;
        int interruptions = 0;
        for (RuntimeProfile profile : RuntimeProfile.values()) {
            for (boolean apo : new boolean[] {false, true}) {
                CheckerSettings settings = CheckerSettings.defaults(profile, apo);
                List<Workload> workloads = new ArrayList<>();
                for (long seed = 0; seed < SEEDS; seed++) {
                    workloads.add(Workloads.generate(profile, apo, seed));
                }
                if (settings.runtimeSendsSigurg()) {
                    for (Phase.Syscall call : Workloads.raceCalls()) {
                        workloads.add(Workloads.race(profile, apo, 3, call));
                    }
                }
                for (Workload w : workloads) {
                    long seed = w.seed();
                    SimResult r = Simulator.run(w);
                    List<Finding> expected = expected(r, settings);
                    List<Finding> actual = Checker.check(settings, r.observations()).stream()
                            .map(Finding::of).toList();
                    assertThat(actual).as("%s apo=%s seed=%d", profile, apo, seed)
                            .containsExactlyInAnyOrderElementsOf(expected);
                    runs++;
                    starvations += (int) expected.stream().filter(f -> f.id == AnomalyId.COOP_STARVATION).count();
                    interruptions += r.all(Observation.SyscallInterrupted.class).size();
                }
            }
        }
        // the generated workloads must exercise both verdicts, or the property says little
        assertThat(runs).isGreaterThan(RuntimeProfile.values().length * 2 * SEEDS);
        assertThat(starvations).isPositive();
        assertThat(interruptions).isPositive();
    }

    private static List<Finding> expected(SimResult r, CheckerSettings settings) {
        List<Finding> expected = new ArrayList<>();
        long deadline = settings.preemptDeadlineNs();
        for (Observation.UserRun run : r.all(Observation.UserRun.class)) {
            if (run.lengthNs() <= deadline) {
                continue;
            }
            if (settings.runtimeSendsSigurg()) {
                assertThat(run.sigurgSent()).as("run %s", run).isPositive();
            } else {
                expected.add(new Finding(AnomalyId.COOP_STARVATION, run.tid(), run.timeNs()));
            }
        }
        List<Observation.SignalReturned> returns = r.all(Observation.SignalReturned.class);
        for (Observation.SyscallInterrupted i : r.all(Observation.SyscallInterrupted.class)) {
            if (i.code() != null && i.code().outcome(true, SignalHandler.GO_RUNTIME.saRestart()) == InterruptOutcome.EINTR) {
                Observation.SignalReturned back = returns.stream()
                        .filter(x -> x.tid() == i.tid() && x.timeNs() >= i.timeNs()).findFirst().orElseThrow();
                expected.add(new Finding(AnomalyId.ALWAYS_EINTR_INTERRUPTED, i.tid(), back.timeNs()));
            }
        }
        return expected;
    }

    private record Finding(AnomalyId id, int tid, long timeNs) {
        static Finding of(Violation v) {
            return new Finding(v.id(), v.tid(), v.timeNs());
        }
    }
}
