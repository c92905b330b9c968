package io.preemptscope.model.sim;

import io.preemptscope.model.check.Observation;
import io.preemptscope.model.signal.RestartCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects what a capture of the simulated run would show. Observations are recorded when the
 * simulator knows them (a user run only when it ends) and sorted by time at the end; equal times
 * keep the order of recording, which is the causal order.
 */
final class Recorder {
    private static final String SIGURG = "SIGURG";

    private final List<Stamped> observations = new ArrayList<>();
    private final List<Slice> slices = new ArrayList<>();
    private long nextRef = 1;

    void userRun(int tid, long startNs, long endNs, int sigurgSent) {
        add(new Observation.UserRun(startNs, nextRef++, tid, endNs, sigurgSent));
    }

    void entered(long t, int tid, String syscall, String key) {
        add(new Observation.SyscallEntered(t, nextRef++, tid, syscall, key));
    }

    void interrupted(long t, int tid, String syscall, String key, RestartCode code, boolean timeout) {
        add(new Observation.SyscallInterrupted(t, nextRef++, tid, syscall, key, code, timeout));
    }

    void sent(long t, int sender, int target) {
        add(new Observation.SignalSent(t, nextRef++, sender, target, SIGURG));
    }

    void delivered(long t, int tid) {
        add(new Observation.SignalDelivered(t, nextRef++, tid, SIGURG, true));
    }

    void returned(long t, int tid, boolean eintr, boolean restoredSyscall) {
        add(new Observation.SignalReturned(t, nextRef++, tid, eintr, restoredSyscall));
    }

    void slept(long t, int tid, long requestedNs, long actualNs) {
        add(new Observation.SysmonSlept(t, nextRef++, tid, requestedNs, actualNs));
    }

    void slice(Slice s) {
        if (s.lengthNs() > 0) {
            slices.add(s);
        }
    }

    List<Observation> observations() {
        return observations.stream()
                .sorted(Comparator.comparingLong((Stamped s) -> s.observation.timeNs()).thenComparingLong(s -> s.order))
                .map(Stamped::observation)
                .toList();
    }

    List<Slice> slices() {
        return slices.stream().sorted(Comparator.comparingLong(Slice::startNs).thenComparingInt(Slice::p)).toList();
    }

    private void add(Observation o) {
        observations.add(new Stamped(o, observations.size()));
    }

    private record Stamped(Observation observation, long order) {}
}
