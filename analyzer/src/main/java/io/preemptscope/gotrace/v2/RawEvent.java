package io.preemptscope.gotrace.v2;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One event as framed on the wire, before any meaning is given to it: what {@code go tool trace
 * -d=wire} prints. The binary and the text reader both produce these, so they can be compared.
 *
 * @param type the event type
 * @param args the varints after the type byte in wire order; for a Stack, followed by 4 per frame
 * @param data the inline bytes of a String or ExperimentalBatch, else an empty array
 * @param offset byte offset of the type byte (binary) or line number (text)
 * @param length encoded size in bytes: the real one for binary input, the minimal encoding for text
 */
public record RawEvent(EventType type, long[] args, byte[] data, long offset, int length) {

    public long arg(String name) {
        int i = type.argIndex(name);
        return i < 0 ? 0 : args[i];
    }

    /** Same type, arguments and data; where the event came from does not matter. */
    public boolean sameAs(RawEvent o) {
        return type == o.type && Arrays.equals(args, o.args) && Arrays.equals(data, o.data);
    }

    /** The wire text line(s) of the event, in the syntax of Go's text format. */
    public String toWireText() {
        StringBuilder sb = new StringBuilder(type.displayName);
        int named = Math.min(type.argNames.size(), args.length);
        for (int i = 0; i < named; i++) {
            sb.append(' ').append(type.argNames.get(i)).append('=').append(Long.toUnsignedString(args[i]));
        }
        for (int i = named; i + 3 < args.length; i += 4) {
            sb.append("\n\tpc=").append(Long.toUnsignedString(args[i])).append(" func=")
                    .append(Long.toUnsignedString(args[i + 1])).append(" file=")
                    .append(Long.toUnsignedString(args[i + 2])).append(" line=")
                    .append(Long.toUnsignedString(args[i + 3]));
        }
        if (type.shape == EventType.Shape.DATA) {
            sb.append("\n\tdata=").append(GoQuote.quote(new String(data, StandardCharsets.UTF_8)));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawEvent r && sameAs(r) && offset == r.offset && length == r.length;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(args);
    }

    @Override
    public String toString() {
        return "@" + offset + " " + toWireText();
    }
}
