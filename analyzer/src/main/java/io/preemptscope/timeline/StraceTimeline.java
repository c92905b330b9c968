package io.preemptscope.timeline;

import io.preemptscope.strace.args.ArgDecoder;
import io.preemptscope.strace.args.SyscallArgs;
import io.preemptscope.strace.event.ExitEvent;
import io.preemptscope.strace.event.KillEvent;
import io.preemptscope.strace.event.SignalEvent;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SyscallEvent;
import io.preemptscope.strace.record.SyscallResult;
import io.preemptscope.util.IntMap;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The strace capture's part of the timeline, as its events stream past: each syscall as a slice
 * from entry to exit on its thread's track, each signal delivery as an instant, each handler as a
 * slice from the delivery to its rt_sigreturn, and an arrow from the tgkill that sent a signal to
 * its delivery and on to the handler's return.
 *
 * <p>Each event's {@code line} is its line in the strace file (in a -ff set, the thread's own file).
 *
 * <p>A thread's events leave in time order: while a handler is open on a thread (its slice is
 * written only when it returns), the thread's other events wait for it. Memory holds one state per
 * thread and the events of open handlers, whatever the capture's length.
 */
final class StraceTimeline implements Consumer<StraceEvent> {
    private static final int MAX_ARGS_SHOWN = 160;

    /** An event waiting for a handler on its thread to close. */
    private record Held(long tsNs, long order, Write write) {}

    @FunctionalInterface
    private interface Write {
        void to(TraceEventWriter out) throws IOException;
    }

    /** A signal delivered whose handler has not returned yet. */
    private record Handler(String signal, long atNs, long line, Send send) {}

    /** A tgkill/tkill seen, waiting for the delivery it causes. */
    private record Send(int sender, long atNs, long line) {}

    private static final class ThreadTrack {
        final Deque<Handler> handlers = new ArrayDeque<>();
        final List<Held> held = new ArrayList<>();
        /** Sends to this thread not yet delivered, by signal: the kernel merges repeats into the first. */
        final Map<String, Send> pending = new LinkedHashMap<>();
    }

    private final TraceEventWriter out;
    private final TimelineWindow window;
    private final IntMap<ThreadTrack> threads = new IntMap<>();
    private final TreeSet<Integer> tids = new TreeSet<>();
    private long baseNs = Long.MIN_VALUE;
    private int pid = -1;
    private String executable;
    private long lastNs = Long.MIN_VALUE;
    private long nextFlow = 1;
    private long order;
    private long untimed;
    private IOException failure;

    StraceTimeline(TraceEventWriter out, TimelineWindow window) {
        this.out = out;
        this.window = window;
    }

    @Override
    public void accept(StraceEvent e) {
        if (failure != null) {
            return;
        }
        if (!e.ts().present()) {
            untimed++;
            return;
        }
        long ns = e.ts().nanos();
        if (baseNs == Long.MIN_VALUE) {
            baseNs = ns;
            pid = e.tid();
            if (e instanceof SyscallEvent call && call.name().equals("execve")
                    && ArgDecoder.decode(call.name(), call.args()) instanceof SyscallArgs.Exec exec) {
                executable = exec.path();
            }
        }
        lastNs = Math.max(lastNs, ns);
        tids.add(e.tid());
        try {
            if (e instanceof SyscallEvent call) {
                syscall(call);
            } else if (e instanceof SignalEvent s) {
                delivered(s);
            } else if (e instanceof ExitEvent x) {
                emit(x.tid(), ns, o -> o.instant(pid, x.tid(), "exited " + x.status(), "thread", rel(ns), "t",
                        Map.of("line", x.source().line())));
            } else if (e instanceof KillEvent k) {
                emit(k.tid(), ns, o -> o.instant(pid, k.tid(), "killed by " + k.signal(), "thread", rel(ns), "t",
                        Map.of("line", k.source().line())));
            }
        } catch (IOException io) {
            failure = io;
        }
    }

    private void syscall(SyscallEvent call) throws IOException {
        int tid = call.tid();
        long entry = call.ts().nanos();
        long exit = exitNs(call, entry);
        String text = call.name() + "(" + shorten(call.args()) + ")";
        String status = call.status() == SyscallEvent.Status.COMPLETE ? null
                : call.status().name().toLowerCase(java.util.Locale.ROOT);
        long line = call.source().line();
        String cat = call.name().equals("nanosleep") || call.name().equals("clock_nanosleep") ? "sleep" : "syscall";
        ThreadTrack t = track(tid);
        if (call.name().equals("rt_sigreturn") && !t.handlers.isEmpty()) {
            Handler h = t.handlers.pop();
            handlerReturned(tid, t, h, entry, exit);
        }
        emit(tid, entry, o -> o.syscall(pid, tid, call.name(), cat, rel(entry), exit - entry, text,
                result(call.result()), line, status));
        if ((call.name().equals("tgkill") || call.name().equals("tkill")) && call.result() != null
                && "0".equals(call.result().value())
                && ArgDecoder.decode(call.name(), call.args()) instanceof SyscallArgs.SignalSend send) {
            ThreadTrack target = track(send.tid());
            target.pending.putIfAbsent(send.signal(), new Send(tid, entry, call.source().line()));
        }
    }

    private void delivered(SignalEvent s) throws IOException {
        int tid = s.tid();
        long at = s.ts().nanos();
        ThreadTrack t = track(tid);
        Send send = t.pending.remove(s.signal());
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("siginfo", s.siginfo());
        args.put("line", s.source().line());
        if (send != null) {
            args.put("sent by", send.sender());
            args.put("tgkill", send.line());
        }
        emit(tid, at, o -> o.instant(pid, tid, s.signal(), "signal", rel(at), "t", args));
        t.handlers.push(new Handler(s.signal(), at, s.source().line(), send));
    }

    /** The handler's slice, and the arrow tgkill → delivery → rt_sigreturn; the thread's held events follow. */
    private void handlerReturned(int tid, ThreadTrack t, Handler h, long entry, long exit) throws IOException {
        long flow = h.send() == null ? 0 : nextFlow++;
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("delivery", h.line());
        if (h.send() != null) {
            args.put("tgkill", h.send().line());
        }
        Held handler = new Held(h.atNs(), -1, o -> {
            o.complete(pid, tid, h.signal() + " handler", "signal", rel(h.atNs()), exit - h.atNs(), args);
            if (flow > 0 && window.shows(h.send().sender(), h.send().atNs() - baseNs, 0)) {
                o.arrow(flow, pid, h.signal(), "signal", List.of(
                        new TraceEventWriter.Point(h.send().sender(), rel(h.send().atNs())),
                        new TraceEventWriter.Point(tid, rel(h.atNs())), new TraceEventWriter.Point(tid, rel(entry))));
            }
        });
        t.held.add(handler);
        if (t.handlers.isEmpty()) {
            release(tid, t);
        }
    }

    private void emit(int tid, long tsNs, Write write) throws IOException {
        ThreadTrack t = track(tid);
        if (!t.handlers.isEmpty()) {
            t.held.add(new Held(tsNs, order++, write));
            return;
        }
        if (window.shows(tid, tsNs - baseNs, 0)) {
            write.to(out);
        }
    }

    /** A thread's held events in time order, the handler slice before what happened inside it. */
    private void release(int tid, ThreadTrack t) throws IOException {
        t.held.sort(Comparator.comparingLong(Held::tsNs).thenComparingLong(Held::order));
        for (Held h : t.held) {
            if (window.shows(tid, h.tsNs() - baseNs, 0)) {
                h.write().to(out);
            }
        }
        t.held.clear();
    }

    /** The capture ended: handlers that never returned leave their held events as they are. */
    void finish() throws IOException {
        if (failure != null) {
            throw failure;
        }
        List<Integer> open = new ArrayList<>();
        threads.forEach((t, tid) -> {
            if (!t.held.isEmpty()) {
                open.add(tid);
            }
        });
        for (int tid : open) {
            ThreadTrack t = threads.get(tid);
            t.handlers.clear();
            release(tid, t);
        }
    }

    private ThreadTrack track(int tid) {
        return threads.computeIfAbsent(tid, x -> new ThreadTrack());
    }

    private long rel(long ns) {
        return ns - baseNs;
    }

    private static long exitNs(SyscallEvent call, long entry) {
        if (call.exit().present() && call.split()) {
            return call.exit().nanos();
        }
        return call.durationNanos() >= 0 ? entry + call.durationNanos() : entry;
    }

    private static String shorten(String args) {
        return args.length() <= MAX_ARGS_SHOWN ? args : args.substring(0, MAX_ARGS_SHOWN) + "...";
    }

    private static String result(SyscallResult r) {
        if (r == null) {
            return "?";
        }
        return r.errno() == null ? r.value() : r.value() + " " + r.errno();
    }

    /** Where the timeline's clock starts: the first event's time; Long.MIN_VALUE when none had one. */
    long baseNs() {
        return baseNs;
    }

    long lastNs() {
        return lastNs;
    }

    /** Events without a timestamp, which no timeline can place. */
    long untimed() {
        return untimed;
    }

    int pid() {
        return pid;
    }

    String executable() {
        return executable;
    }

    TreeSet<Integer> tids() {
        return tids;
    }
}
