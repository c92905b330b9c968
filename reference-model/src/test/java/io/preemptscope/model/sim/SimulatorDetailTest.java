package io.preemptscope.model.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.model.check.Observation;
import io.preemptscope.model.signal.RestartCode;
import io.preemptscope.model.version.RuntimeProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorDetailTest {
    private static final long MS = 1_000_000L;

    @Test
    void sysmonSleepsFollowTheScheduleFromTheStart() {
        SimResult r = Simulator.run(TightLoopAcceptanceTest.tightLoop(RuntimeProfile.GO1_14_1, false, 1));
        List<Long> requested = r.all(Observation.SysmonSlept.class).stream().map(Observation.SysmonSlept::requestedNs)
                .toList();
        List<Long> expected = new ArrayList<>(Collections.nCopies(51, 20_000L));
        expected.addAll(List.of(40_000L, 80_000L, 160_000L, 320_000L, 640_000L, 1_280_000L, 2_560_000L,
                5_120_000L, 10_000_000L));
        assertThat(requested.subList(0, 60)).isEqualTo(expected);
        assertThat(r.all(Observation.SysmonSlept.class)).allSatisfy(s -> {
            assertThat(s.tid()).isEqualTo(r.sysmonTid());
            assertThat(s.actualNs() - s.requestedNs()).isBetween(0L, 50_000L);
        });
    }

    @Test
    void retakeFromASyscallResetsSysmonToTwentyMicros() {
        // main spins past sysmon's doubling, then blocks 5 ms in read; on GOMAXPROCS=1 retake takes
        // the P at its second look, and the next sleep is 20 µs again
        Workload w = new Workload(1, RuntimeProfile.GO1_16_TO_1_25, true, 5, 100 * MS,
                List.of(GoroutineSpec.of("main", Phase.spin(40 * MS), Phase.read("3", 5 * MS), Phase.compute(MS))));
        List<Observation.SysmonSlept> sleeps = Simulator.run(w).all(Observation.SysmonSlept.class);
        int firstCap = 0;
        while (sleeps.get(firstCap).requestedNs() != 10_000_000L) {
            firstCap++;
        }
        List<Long> after = sleeps.subList(firstCap, sleeps.size()).stream()
                .map(Observation.SysmonSlept::requestedNs).toList();
        assertThat(after).contains(20_000L);
        int reset = after.indexOf(20_000L);
        assertThat(after.subList(0, reset)).containsOnly(10_000_000L);
        assertThat(sleeps.get(firstCap + reset).timeNs()).isBetween(40 * MS, 45 * MS);
    }

    @Test
    void sigurgRacingIntoAReadIsRestartedTransparently() {
        Phase.Syscall read = Phase.read("5", 2 * MS);
        SimResult r = Simulator.run(Workloads.race(RuntimeProfile.GO1_15, false, 3, read));
        List<Observation> tail = r.observations().stream()
                .filter(o -> !(o instanceof Observation.SysmonSlept) && !(o instanceof Observation.UserRun))
                .toList();
        assertThat(tail).hasSize(6);
        assertThat(tail.get(0)).isInstanceOf(Observation.SignalSent.class);
        assertThat(tail.get(1)).isEqualTo(new Observation.SyscallEntered(tail.get(1).timeNs(), tail.get(1).ref(),
                1000, "read", "read(5"));
        assertThat(tail.get(2)).isInstanceOfSatisfying(Observation.SyscallInterrupted.class,
                i -> assertThat(i.code()).isEqualTo(RestartCode.ERESTARTSYS));
        assertThat(tail.get(3)).isInstanceOf(Observation.SignalDelivered.class);
        assertThat(tail.get(4)).isInstanceOfSatisfying(Observation.SignalReturned.class, x -> {
            assertThat(x.eintr()).isFalse();
            assertThat(x.restoredSyscall()).isTrue();
        });
        assertThat(tail.get(5)).isInstanceOfSatisfying(Observation.SyscallEntered.class,
                e -> assertThat(e.key()).isEqualTo("read(5"));
        // the thread was in the kernel, so the G was not preempted by the signal
        assertThat(r.slices()).noneMatch(s -> s.end() == SliceEnd.PREEMPTED_ASYNC);
    }

    @Test
    void everySigurgIsDeliveredOnceAndNeverCoalesced() {
        for (RuntimeProfile profile : RuntimeProfile.values()) {
            for (long seed = 0; seed < 20; seed++) {
                SimResult r = Simulator.run(Workloads.generate(profile, false, seed));
                assertThat(r.all(Observation.SignalDelivered.class).size())
                        .isBetween(r.all(Observation.SignalSent.class).size() - 1,
                                r.all(Observation.SignalSent.class).size());
            }
        }
    }
}
