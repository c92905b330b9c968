package io.preemptscope.strace;

import io.preemptscope.strace.args.NumericValues;
import io.preemptscope.strace.args.SiginfoFields;
import io.preemptscope.strace.event.AnnotationEvent;
import io.preemptscope.strace.event.ExitEvent;
import io.preemptscope.strace.event.KillEvent;
import io.preemptscope.strace.event.MessageEvent;
import io.preemptscope.strace.event.SignalEvent;
import io.preemptscope.strace.event.SourceRef;
import io.preemptscope.strace.event.StopEvent;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SupersededEvent;
import io.preemptscope.strace.event.SyscallEvent;
import io.preemptscope.strace.event.Timestamp;
import io.preemptscope.strace.record.RecordKind;
import io.preemptscope.strace.record.StraceRecord;
import io.preemptscope.strace.record.SyscallResult;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streams the events of one input file: joins each {@code <unfinished ...>} entry with the
 * {@code <... resumed>} exit of the same thread, and gives unprefixed lines their thread.
 *
 * <p>Memory holds only the calls in flight (one per thread at most) and, while the thread of a
 * capture's unprefixed opening lines is not yet known, a bounded number of those lines.
 */
public final class FileEventReader {
    /** Unprefixed events held back while waiting to learn their thread; beyond this, tid -1. */
    static final int MAX_HELD = 4096;

    private final String file;
    private final RecordReader records;
    private final ProblemSink problems;
    private final TimestampReader clock = new TimestampReader();
    private final Map<Integer, Pending> inFlight = new LinkedHashMap<>();
    private final ArrayDeque<StraceEvent> out = new ArrayDeque<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final java.util.Set<Integer> cloned = new java.util.HashSet<>();
    private final RecordCounts counts = new RecordCounts();

    private int unprefixedTid;
    private boolean tidKnown;
    private int lastEntryTid = StraceEvent.UNKNOWN_TID;
    private ParsedRecord previous;
    private boolean finished;

    /**
     * @param file the name used in evidence and messages
     * @param fixedTid the thread of every line (an -ff file's suffix), or -1 when lines say it
     */
    public FileEventReader(String file, RecordReader records, ProblemSink problems, int fixedTid) {
        this.file = file;
        this.records = records;
        this.problems = problems;
        this.unprefixedTid = fixedTid;
        this.tidKnown = fixedTid != StraceEvent.UNKNOWN_TID;
    }

    public String file() {
        return file;
    }

    public RecordCounts counts() {
        return counts;
    }

    /** The next event in the order strace completed them, or null at the end. */
    public StraceEvent next() throws IOException, StraceInputException {
        while (out.isEmpty()) {
            if (finished) {
                return null;
            }
            ParsedRecord parsed = records.next();
            if (parsed == null) {
                finish();
            } else {
                accept(parsed);
            }
        }
        return out.poll();
    }

    private void accept(ParsedRecord parsed) throws StraceInputException {
        counts.lines = Math.max(counts.lines, parsed.lastLine());
        if (parsed.failed()) {
            if (parsed.truncated()) {
                counts.truncated++;
                problems.report(new ReadProblem(file, parsed.firstLine(),
                        "last line is cut short (capture ended mid-write): " + parsed.error(), parsed.text(), true));
            } else {
                counts.unparsed++;
                problems.report(new ReadProblem(file, parsed.firstLine(), parsed.error(), parsed.text(), false));
            }
            previous = null;
            return;
        }
        StraceRecord r = parsed.record();
        Timestamp ts;
        try {
            if (r.duration() != null) {
                TimestampReader.nanos(r.duration(), 0);
            }
            ts = clock.read(r.timestamp(), r.relative());
        } catch (ArithmeticException outOfRange) {
            counts.unparsed++;
            problems.report(new ReadProblem(file, parsed.firstLine(),
                    "timestamp or duration out of range", parsed.text(), false));
            previous = null;
            return;
        }
        // a record read as an open call at the end of the capture carries why in its error
        boolean openAtEnd = parsed.error() != null;
        if (openAtEnd || parsed.truncated()) {
            counts.truncated++;
            String message = parsed.error() != null ? parsed.error()
                    : "last line has no newline (capture ended mid-write?); it was read as it is";
            problems.report(new ReadProblem(file, parsed.firstLine(), message, parsed.text(), true));
        }
        SourceRef source = new SourceRef(file, parsed.firstLine());
        if (r.isEntryHalf() && !openAtEnd) {
            // an open call at the end of a capture carries no "<unfinished ...>" of its own
            counts.unfinishedLines++;
        }
        if (r.resumedHead()) {
            counts.resumedLines++;
        }
        int tid = r.pid();
        if (tid == StraceRecord.NO_PID && needsThread(r.kind())) {
            if (!tidKnown) {
                learnThreadFromOwnCall(r);
            }
            if (!tidKnown) {
                hold(r, source, ts, parsed);
                return;
            }
            tid = unprefixedTid;
        } else if (tid != StraceRecord.NO_PID && !tidKnown && !held.isEmpty()) {
            learnThreadFromPrefixedLine(tid);
        }
        if (tid != StraceRecord.NO_PID) {
            noteClone(r);
        }
        dispatch(r, source, ts, tid == StraceRecord.NO_PID ? StraceEvent.UNKNOWN_TID : tid, parsed.lastLine());
        previous = parsed;
    }

    private static boolean needsThread(RecordKind kind) {
        return switch (kind) {
            case SYSCALL, SIGNAL, STOPPED, EXITED, KILLED, SUPERSEDED -> true;
            default -> false;
        };
    }

    private void dispatch(StraceRecord r, SourceRef source, Timestamp ts, int tid, long lastLine) {
        switch (r.kind()) {
            case SYSCALL -> syscall(r, source, ts, tid, lastLine);
            case ORPHAN_TAIL -> orphanTail(r, source, ts, lastLine);
            case SIGNAL -> out.add(new SignalEvent(source, tid, ts, r.name(), r.text(),
                    SiginfoFields.siCode(r.text()), SiginfoFields.siPid(r.text())));
            case STOPPED -> out.add(new StopEvent(source, tid, ts, r.name()));
            case EXITED -> out.add(new ExitEvent(source, tid, ts, NumericValues.leadingInt(r.text(), -1)));
            case KILLED -> out.add(new KillEvent(source, tid, ts, r.name(), r.text().contains("core dumped")));
            case SUPERSEDED -> superseded(source, tid, ts, NumericValues.leadingInt(r.text(), -1));
            case MESSAGE -> out.add(new MessageEvent(source, tid, ts, r.text()));
            case STACK_FRAME -> out.add(new AnnotationEvent(source, tid, ts, AnnotationEvent.Type.STACK_FRAME, r.text()));
            case DUMP -> out.add(new AnnotationEvent(source, tid, ts, AnnotationEvent.Type.DUMP, r.text()));
            case SUMMARY -> out.add(new AnnotationEvent(source, tid, ts, AnnotationEvent.Type.SUMMARY, r.text()));
            case PERSONALITY -> out.add(new AnnotationEvent(source, tid, ts, AnnotationEvent.Type.PERSONALITY, r.text()));
        }
    }

    private void syscall(StraceRecord r, SourceRef source, Timestamp ts, int tid, long lastLine) {
        long duration = r.duration() == null ? -1 : TimestampReader.nanos(r.duration(), 0);
        if (r.isEntryHalf()) {
            Pending stale = inFlight.remove(tid);
            if (stale != null) {
                out.add(stale.incomplete(tid));
            }
            inFlight.put(tid, new Pending(r.name(), r.text(), source, ts));
            lastEntryTid = tid;
            return;
        }
        if (r.resumedHead()) {
            Pending entry = inFlight.remove(tid);
            if (entry != null) {
                // "<... ??? resumed>": strace lost the call's name; the thread's pending entry has it
                String name = r.name().equals("???") ? entry.name : r.name();
                out.add(new SyscallEvent(entry.source, lastLine, tid, name,
                        joinFragments(entry.args, r.text()), r.result(), entry.ts, ts, duration, status(r)));
                return;
            }
            // the entry was before the capture began (strace -p): only the exit half is known
            out.add(new SyscallEvent(source, lastLine, tid, r.name(), r.text(), r.result(), ts, ts, duration, status(r)));
            return;
        }
        out.add(new SyscallEvent(source, lastLine, tid, r.name(), r.text(), r.result(), ts,
                r.result() == null ? Timestamp.ABSENT : ts, duration, status(r)));
    }

    /**
     * A non-leader thread's execve takes over the leader's pid: its pending execve resumes under
     * the leader's pid ({@code +++ superseded by execve in pid 16727 +++} then
     * {@code <... execve resumed>} on the leader).
     */
    private void superseded(SourceRef source, int leader, Timestamp ts, int execThread) {
        Pending exec = inFlight.remove(execThread);
        if (exec != null) {
            inFlight.put(leader, exec);
        }
        out.add(new SupersededEvent(source, leader, ts, execThread));
    }

    /** -z/-Z print the exit half of an unfinished call alone, right after its entry. */
    private void orphanTail(StraceRecord r, SourceRef source, Timestamp ts, long lastLine) {
        int tid = previous != null && previous.record() != null && previous.record().isEntryHalf()
                ? lastEntryTid : StraceEvent.UNKNOWN_TID;
        Pending entry = tid == StraceEvent.UNKNOWN_TID ? null : inFlight.remove(tid);
        long duration = r.duration() == null ? -1 : TimestampReader.nanos(r.duration(), 0);
        if (entry != null) {
            out.add(new SyscallEvent(entry.source, lastLine, tid, entry.name, entry.args, r.result(),
                    entry.ts, ts.present() ? ts : entry.ts, duration, status(r)));
        } else {
            out.add(new SyscallEvent(source, lastLine, tid, "?", "", r.result(), ts, ts, duration, status(r)));
        }
    }

    private static SyscallEvent.Status status(StraceRecord r) {
        if (r.detached()) {
            return SyscallEvent.Status.DETACHED;
        }
        SyscallResult result = r.result();
        if (r.unfinished() && result != null && result.isUnknown() && result.errno() == null) {
            return SyscallEvent.Status.VANISHED;
        }
        return SyscallEvent.Status.COMPLETE;
    }

    /** Entry and exit fragments joined the way strace would have printed the call on one line. */
    static String joinFragments(String entry, String exit) {
        if (entry.isEmpty()) {
            return exit;
        }
        if (exit.isEmpty()) {
            return entry.endsWith(",") ? entry.substring(0, entry.length() - 1) : entry;
        }
        return exit.startsWith(",") ? entry + exit : entry + " " + exit;
    }

    // ------------------------------------------------------------------ unprefixed lines

    /** A single tracee's own gettid/set_tid_address result names its thread. */
    private void learnThreadFromOwnCall(StraceRecord r) {
        if (r.kind() != RecordKind.SYSCALL || r.result() == null || r.unfinished()) {
            return;
        }
        if (r.name().equals("gettid") || r.name().equals("set_tid_address")) {
            int tid = NumericValues.leadingInt(r.result().value(), -1);
            if (tid > 0) {
                resolve(tid);
            }
        }
    }

    /** Once lines carry pids, the unprefixed opener is the first pid that no clone created. */
    private void learnThreadFromPrefixedLine(int pid) {
        if (!cloned.contains(pid)) {
            resolve(pid);
        }
    }

    private void noteClone(StraceRecord r) {
        if (r.kind() != RecordKind.SYSCALL || r.result() == null) {
            return;
        }
        String name = r.name();
        char first = name.isEmpty() ? ' ' : name.charAt(0);
        if (first == 'c' && name.startsWith("clone") || first == 'v' && name.equals("vfork")) {
            int child = NumericValues.leadingInt(r.result().value(), -1);
            if (child > 0) {
                cloned.add(child);
            }
        }
    }

    private void hold(StraceRecord r, SourceRef source, Timestamp ts, ParsedRecord parsed) {
        if (r.kind() == RecordKind.SYSCALL && r.result() != null && r.name().startsWith("clone")) {
            noteClone(r);
        }
        held.add(new Held(r, source, ts, parsed));
        if (held.size() >= MAX_HELD) {
            releaseHeld(StraceEvent.UNKNOWN_TID);
        }
    }

    private void resolve(int tid) {
        unprefixedTid = tid;
        tidKnown = true;
        releaseHeld(tid);
    }

    private void releaseHeld(int tid) {
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            it.remove();
            dispatch(h.record, h.source, h.ts, tid, h.parsed.lastLine());
            previous = h.parsed;
        }
    }

    private void finish() {
        releaseHeld(tidKnown ? unprefixedTid : StraceEvent.UNKNOWN_TID);
        for (Map.Entry<Integer, Pending> e : inFlight.entrySet()) {
            out.add(e.getValue().incomplete(e.getKey()));
            counts.incomplete++;
        }
        inFlight.clear();
        finished = true;
        problems.fileRead(file, counts);
    }

    private record Held(StraceRecord record, SourceRef source, Timestamp ts, ParsedRecord parsed) {}

    private record Pending(String name, String args, SourceRef source, Timestamp ts) {
        SyscallEvent incomplete(int tid) {
            return new SyscallEvent(source, -1, tid, name, args, null, ts, Timestamp.ABSENT, -1,
                    SyscallEvent.Status.INCOMPLETE);
        }
    }
}
