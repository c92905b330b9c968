package io.preemptscope.model.check;

import io.preemptscope.model.signal.RestartCode;
import io.preemptscope.model.signal.SignalHandler;
import io.preemptscope.model.version.RuntimeProfile;
import java.util.List;

/** Short constructors for hand-built observation lists; refs are written out in each test. */
final class Obs {
    static final String URG = "SIGURG";
    static final long US = 1_000L;
    static final long MS = 1_000_000L;

    private Obs() {}

    static Observation.SignalSent sent(long t, long ref, int sender, int target) {
        return new Observation.SignalSent(t, ref, sender, target, URG);
    }

    static Observation.SignalDelivered delivered(long t, long ref, int tid) {
        return new Observation.SignalDelivered(t, ref, tid, URG, true);
    }

    static Observation.SignalReturned returned(long t, long ref, int tid, boolean eintr, boolean restored) {
        return new Observation.SignalReturned(t, ref, tid, eintr, restored);
    }

    static Observation.SyscallEntered entered(long t, long ref, int tid, String syscall, String key) {
        return new Observation.SyscallEntered(t, ref, tid, syscall, key);
    }

    static Observation.SyscallInterrupted interrupted(long t, long ref, int tid, String syscall, String key,
            RestartCode code) {
        return new Observation.SyscallInterrupted(t, ref, tid, syscall, key, code, false);
    }

    static Observation.HandlerInstalled installed(long t, long ref, int tid, SignalHandler h) {
        return new Observation.HandlerInstalled(t, ref, tid, URG, h);
    }

    static List<Violation> check(RuntimeProfile profile, boolean apo, List<? extends Observation> obs) {
        return Checker.check(CheckerSettings.defaults(profile, apo), obs);
    }

    static List<Violation> check(RuntimeProfile profile, List<? extends Observation> obs) {
        return check(profile, false, obs);
    }
}
