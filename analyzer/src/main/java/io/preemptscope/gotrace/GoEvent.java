package io.preemptscope.gotrace;

import java.util.List;
import java.util.Map;

/**
 * One event of a decoded, ordered Go execution trace, whatever its wire format. Analyses read
 * {@link #kind()} and the fields it names; the wire name, arguments and offset are kept so that a
 * dump can be compared line by line with {@code go tool trace -d} (go1.19 for v1: {@code *Local}
 * wire variants appear under their plain names, and the parser's fake Ps are kept).
 *
 * @param kind what the event means
 * @param name the wire event name as {@code go tool trace -d} prints it
 * @param tsNs nanoseconds since the first event of the trace
 * @param p the P the event is attributed to; -1 for none (or v1's global buffer), or one of the
 *     {@link FakeP} ids
 * @param g goroutine running when the event happened (0 = none)
 * @param m the runtime M that held the event's P, when the trace says so through ProcStart (-1: unknown)
 * @param thread the OS thread id of the M the event happened on (-1: the trace does not say)
 * @param offset byte offset of the event in the file (line number for text traces)
 * @param args the event's numeric arguments by name, in wire order
 * @param stringArgs arguments the decoder resolved to text (labels, STW kind, reasons, user log text)
 * @param stackId stack table id, 0 for none
 * @param stack symbolized frames, innermost first; empty when there is no stack
 * @param reason why a goroutine blocked ({@link GoEventKind#GO_BLOCKED}), else null
 * @param targetG the goroutine the event acts on (created, started, unblocked, or whose status it
 *     gives); 0 for none
 * @param targetP the P the event acts on (started, or whose status it gives); -1 for none
 * @param targetThread the thread that lost its P ({@link GoEventKind#PROC_STOLEN}); -1 for none
 * @param generation the generation of traces that come in generations (Go 1.22+), else 0
 */
public record GoEvent(
        GoEventKind kind,
        String name,
        long tsNs,
        int p,
        long g,
        long m,
        long thread,
        long offset,
        Map<String, Long> args,
        Map<String, String> stringArgs,
        long stackId,
        List<Frame> stack,
        String reason,
        long targetG,
        int targetP,
        long targetThread,
        long generation) {

    /** No M, thread or P. */
    public static final int NONE = -1;

    /** A numeric argument, or 0 when the event has no argument of that name (as Go's Args do). */
    public long arg(String name) {
        if (args instanceof NumericArgs numeric) {
            return numeric.valueOrZero(name);
        }
        Long v = args.get(name);
        return v == null ? 0 : v;
    }

    /** The same event at another time: the v2 decoder makes times relative once it knows the first. */
    public GoEvent at(long ns) {
        return new GoEvent(kind, name, ns, p, g, m, thread, offset, args, stringArgs, stackId, stack, reason,
                targetG, targetP, targetThread, generation);
    }
}
