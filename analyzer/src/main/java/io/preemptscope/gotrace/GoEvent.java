package io.preemptscope.gotrace;

import java.util.List;
import java.util.Map;

/**
 * One event of a decoded, ordered trace, named and attributed the way {@code go tool trace -d}
 * (go1.19) shows it: {@code *Local} wire variants appear under their plain names, and the parser's
 * fake Ps (timer, netpoll, syscall, GC, profile) are kept so a dump can be compared line by line.
 *
 * @param tsNs nanoseconds since the first event of the trace
 * @param p the P the event is attributed to; -1 for the runtime's global buffer, or one of the
 *     {@link FakeP} ids
 * @param g goroutine running on that P when the event happened (0 = none)
 * @param offset byte offset of the event in the file
 * @param args the event's numeric arguments by name, in wire order
 * @param stringArgs arguments the parser resolves to text (labels, STW kind, user log text)
 * @param stackId stack table id, 0 for none
 * @param stack symbolized frames, innermost first; empty when there is no stack
 */
public record GoEvent(
        long tsNs,
        String type,
        int p,
        long g,
        long offset,
        Map<String, Long> args,
        Map<String, String> stringArgs,
        long stackId,
        List<Frame> stack) {

    /** A numeric argument, or 0 when the event has no argument of that name (as Go's Args do). */
    public long arg(String name) {
        if (args instanceof NumericArgs numeric) {
            return numeric.valueOrZero(name);
        }
        Long v = args.get(name);
        return v == null ? 0 : v;
    }
}
