package io.preemptscope.model.sim;

import io.preemptscope.model.version.RuntimeProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated workloads for the property tests. Two families, each a shape the model has a clear
 * verdict on:
 *
 * <ul>
 *   <li>{@link #ticker}: call-free spinners next to a goroutine that sleeps on a timer and computes
 *       a little (the golang/go#10958 shape);
 *   <li>{@link #syscallMix}: goroutines that alternate bursts (with and without calls) and blocking
 *       syscalls of every interrupt class, at least twice each.
 * </ul>
 *
 * <p>Their limits keep every thread's user-space stretch to one long time slice at most: timer
 * sleeps only in the ticker family (whose sleeper computes ≤ 100 µs), and every syscall-mix
 * goroutine blocks in the kernel after each burst. The checker judges runs per thread, not per
 * goroutine (preemption-model.md §7 A1 evidence), so a chain of short slices on one thread with no
 * kernel entry would look like a long run; see {@code SimulatorCheckerPropertyTest}.
 */
final class Workloads {
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;

    private Workloads() {}

    static Workload generate(RuntimeProfile profile, boolean apo, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 7919 + 17);
        return seed % 2 == 0 ? ticker(profile, apo, seed, r) : syscallMix(profile, apo, seed, r);
    }

    static Workload ticker(RuntimeProfile profile, boolean apo, long seed, SplittableRandom r) {
        List<Phase> ticks = new ArrayList<>();
        long period = r.nextLong(1 * MS, 6 * MS);
        for (int i = 0; i < 40; i++) {
            ticks.add(Phase.sleep(period));
            ticks.add(Phase.compute(r.nextLong(10 * US, 100 * US)));
        }
        List<GoroutineSpec> gs = new ArrayList<>();
        gs.add(new GoroutineSpec("main", ticks));
        int spinners = 1 + r.nextInt(2);
        for (int i = 0; i < spinners; i++) {
            gs.add(GoroutineSpec.of("spin" + i, Phase.spin(r.nextLong(20 * MS, 120 * MS))));
        }
        return new Workload(1 + r.nextInt(2), profile, apo, seed, 250 * MS, gs);
    }

    static Workload syscallMix(RuntimeProfile profile, boolean apo, long seed, SplittableRandom r) {
        List<GoroutineSpec> gs = new ArrayList<>();
        int n = 2 + r.nextInt(4);
        for (int g = 0; g < n; g++) {
            List<Phase> phases = new ArrayList<>();
            int rounds = 2 + r.nextInt(5);
            for (int i = 0; i < rounds; i++) {
                phases.add(r.nextInt(3) == 0 ? Phase.spin(r.nextLong(1 * MS, 40 * MS))
                        : Phase.compute(r.nextLong(100 * US, 12 * MS)));
                phases.add(syscall(r, g));
            }
            gs.add(new GoroutineSpec("g" + g, phases));
        }
        return new Workload(1 + r.nextInt(4), profile, apo, seed, 300 * MS, gs);
    }

    /**
     * The tgkill/entersyscall race (§7 B16): main spins until just after sysmon's first SIGURG and
     * then blocks in {@code call}, so the signal lands while the thread is in the kernel. Found in
     * two runs: the spin length does not change anything before it ends, so the send time of a
     * long-spin run is the send time of the short one.
     */
    static Workload race(RuntimeProfile profile, boolean apo, long seed, Phase.Syscall call) {
        long firstSend = Simulator.run(raceShape(profile, apo, seed, 30 * MS, call))
                .all(io.preemptscope.model.check.Observation.SignalSent.class).get(0).timeNs();
        return raceShape(profile, apo, seed, firstSend + 1 * US, call);
    }

    static List<Phase.Syscall> raceCalls() {
        return List.of(Phase.read("5", 2 * MS), new Phase.Syscall("futex", "0xc000012345", 2 * MS),
                new Phase.Syscall("epoll_pwait", "4", 2 * MS),
                new Phase.Syscall("nanosleep", "{tv_sec=0, tv_nsec=2000000}", 2 * MS),
                new Phase.Syscall("pselect6", "0", 2 * MS));
    }

    private static Workload raceShape(RuntimeProfile profile, boolean apo, long seed, long spin, Phase.Syscall call) {
        return new Workload(1, profile, apo, seed, 100 * MS,
                List.of(GoroutineSpec.of("main", Phase.spin(spin), call, Phase.compute(100 * US))));
    }

    private static Phase.Syscall syscall(SplittableRandom r, int g) {
        long ns = r.nextLong(20 * US, 5 * MS);
        return switch (r.nextInt(5)) {
            case 0, 1 -> Phase.read(String.valueOf(3 + 2 * g), ns);
            case 2 -> new Phase.Syscall("futex", "0xc0000" + g, ns);
            case 3 -> new Phase.Syscall("epoll_pwait", "4", ns);
            default -> new Phase.Syscall("nanosleep", "{tv_sec=0, tv_nsec=" + ns + "}", ns);
        };
    }
}
