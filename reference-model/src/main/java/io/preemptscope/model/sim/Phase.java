package io.preemptscope.model.sim;

/** One step of a simulated goroutine's life. */
public sealed interface Phase {

    /**
     * Running Go code for {@code ns} of CPU time.
     *
     * @param callFree the code makes no non-inlined call, so it has no prologue stack check and only
     *     async preemption can stop it (preemption-model.md §4.2)
     */
    record Burst(long ns, boolean callFree) implements Phase {
        public Burst {
            if (ns <= 0) {
                throw new IllegalArgumentException("a burst needs a positive length: " + ns);
            }
        }
    }

    /**
     * A blocking syscall, e.g. read on an empty pipe, that the code retries until it is done.
     *
     * @param arg the first argument as strace prints it; with the name it identifies a retry
     * @param ns how long the call blocks
     */
    record Syscall(String name, String arg, long ns) implements Phase {
        public Syscall {
            if (ns <= 0) {
                throw new IllegalArgumentException("a syscall needs a positive length: " + ns);
            }
        }

        /** What the checker compares to recognise a retry of the same call. */
        public String key() {
            return name + "(" + arg;
        }
    }

    /** time.Sleep: the goroutine parks on a timer; no syscall. */
    record Sleep(long ns) implements Phase {
        public Sleep {
            if (ns <= 0) {
                throw new IllegalArgumentException("a sleep needs a positive length: " + ns);
            }
        }
    }

    static Burst spin(long ns) {
        return new Burst(ns, true);
    }

    static Burst compute(long ns) {
        return new Burst(ns, false);
    }

    static Syscall read(String fd, long ns) {
        return new Syscall("read", fd, ns);
    }

    static Sleep sleep(long ns) {
        return new Sleep(ns);
    }
}
