package io.preemptscope.gotrace.decode;

import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTrace;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.gotrace.TraceFiles;
import io.preemptscope.gotrace.v1.V1Decoder;
import io.preemptscope.gotrace.v2.V2Decoder;
import io.preemptscope.input.InputKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A Go execution trace of any wire format, with the decoder its first bytes call for. Bytes that are
 * no v2 trace go to the v1 decoder, whose header check explains what is wrong with them.
 */
public final class GoTraceDecoder {
    private final byte[] data;
    /** Null for a v1 trace. */
    private final V2Decoder v2;

    private GoTraceDecoder(byte[] data, V2Decoder v2) {
        this.data = data;
        this.v2 = v2;
    }

    /** A text trace is parsed here, once, and fails here when it is damaged. */
    public static GoTraceDecoder of(byte[] data) throws GoTraceFormatException {
        return switch (InputKind.of(Arrays.copyOf(data, Math.min(data.length, InputKind.HEAD_BYTES)))) {
            case GO_TRACE_V2 -> new GoTraceDecoder(data, V2Decoder.binary(data));
            case GO_TRACE_V2_TEXT -> new GoTraceDecoder(data, V2Decoder.text(data));
            default -> new GoTraceDecoder(data, null);
        };
    }

    public static GoTrace decode(Path file) throws IOException, GoTraceFormatException {
        return of(TraceFiles.readBytes(file)).decode();
    }

    public static GoTrace decode(byte[] data) throws GoTraceFormatException {
        return of(data).decode();
    }

    /** Every event, in Go's order. */
    public GoTrace decode() throws GoTraceFormatException {
        return v2 != null ? v2.decode() : V1Decoder.decode(data);
    }

    /**
     * Hands the events to {@code sink} one at a time, in the order {@link #decode()} lists them,
     * without holding them.
     *
     * @param indexed learns how many events there are, when the decoder counts them before it streams
     * @return the trace with an empty event list: what the sink did not see
     */
    public GoTrace stream(Consumer<GoEvent> sink, LongConsumer indexed) throws GoTraceFormatException {
        return v2 != null ? v2.stream(sink) : V1Decoder.stream(data, sink, indexed);
    }

    public GoTrace stream(Consumer<GoEvent> sink) throws GoTraceFormatException {
        return stream(sink, events -> { });
    }
}
