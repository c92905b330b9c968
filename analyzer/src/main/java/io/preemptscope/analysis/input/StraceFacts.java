package io.preemptscope.analysis.input;

import io.preemptscope.strace.StraceInputs;
import io.preemptscope.strace.args.ArgDecoder;
import io.preemptscope.strace.args.SyscallArgs;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SyscallEvent;
import io.preemptscope.strace.event.Timestamp;
import java.util.List;

/**
 * What tells one strace capture's run from another's: when it ran, and the process it starts
 * with. The files of one input (a single log, or the -ff files of one process tree) together.
 *
 * @param first the timestamp of the run's first event ({@link Timestamp#ABSENT} without one)
 * @param last the timestamp of its last event on the same clock, or ABSENT when not known
 * @param pid the thread of the first event, or -1
 * @param program the program the first event executes, or null when the capture does not start
 *     with an execve: then strace joined a process that was already running
 * @param rootExited whether the capture shows that first process exit: with {@code program},
 *     strace saw the whole process from its start to its end
 */
record StraceFacts(Timestamp first, Timestamp last, int pid, String program, boolean rootExited) {
    static final long DAY = 86_400_000_000_000L;

    /** The facts of the files of one input, from their two ends. */
    static StraceFacts read(List<StraceInputs.InputFile> files) {
        return of(files.stream().map(StraceEnds::read).toList());
    }

    /** The facts of the files of one input, whose two ends are these. */
    static StraceFacts of(List<StraceEnds> files) {
        StraceEnds root = null;
        Timestamp last = Timestamp.ABSENT;
        boolean lastKnown = true;
        for (StraceEnds ends : files) {
            if (ends.first() == null) {
                continue;
            }
            if (root == null || earlier(ends.first().ts(), root.first().ts())) {
                root = ends;
            }
            if (!ends.last().present()) {
                lastKnown = false;
            } else if (!last.present() || ends.last().nanos() > last.nanos()) {
                last = ends.last();
            }
        }
        if (root == null) {
            return new StraceFacts(Timestamp.ABSENT, Timestamp.ABSENT, -1, null, false);
        }
        StraceEvent first = root.first();
        Timestamp start = first.ts();
        Timestamp end = lastKnown ? dated(start, last) : Timestamp.ABSENT;
        String program = program(first);
        return new StraceFacts(start, end, first.tid(), program,
                program != null && root.exited().contains(first.tid()));
    }

    /**
     * {@code last} as the end of a span that starts at {@code first}: ABSENT unless both are on one
     * clock that dates them. -t/-tt carry no date: a last time of day before the first one is on
     * the next day.
     */
    static Timestamp dated(Timestamp first, Timestamp last) {
        if (!absolute(first) || !last.present() || last.clock() != first.clock()) {
            return Timestamp.ABSENT;
        }
        if (last.clock() == Timestamp.Clock.TIME_OF_DAY && last.nanos() < first.nanos()) {
            return new Timestamp(last.printed(), last.nanos() + DAY, last.clock());
        }
        return last;
    }

    /** The program an execve event runs, or null for any other event. */
    static String program(StraceEvent e) {
        if (e instanceof SyscallEvent call && call.name().equals("execve")
                && ArgDecoder.decode(call.name(), call.args()) instanceof SyscallArgs.Exec exec) {
            return exec.path();
        }
        return null;
    }

    static boolean absolute(Timestamp t) {
        return t.clock() == Timestamp.Clock.TIME_OF_DAY || t.clock() == Timestamp.Clock.EPOCH;
    }

    /** Whether both ends are known on a clock that dates them (time of day or epoch). */
    boolean dated() {
        return absolute(first) && last.present();
    }

    /** Whether strace followed the program from its execve to its exit, so its span holds the process's life. */
    boolean wholeProcess() {
        return program != null && rootExited && last.present();
    }

    long spanNs() {
        return last.nanos() - first.nanos();
    }

    private static boolean earlier(Timestamp a, Timestamp b) {
        return a.present() && (!b.present() || a.nanos() < b.nanos());
    }
}
