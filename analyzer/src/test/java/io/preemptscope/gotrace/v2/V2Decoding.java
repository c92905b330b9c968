package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTrace;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.input.InputKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/** The v2 decoder on any bytes, text when they look like text, else binary: what the v2 tests feed it. */
final class V2Decoding {
    private V2Decoding() {}

    static V2Decoder of(byte[] data) throws GoTraceFormatException {
        byte[] head = Arrays.copyOf(data, Math.min(data.length, InputKind.HEAD_BYTES));
        return InputKind.of(head) == InputKind.GO_TRACE_V2_TEXT ? V2Decoder.text(data) : V2Decoder.binary(data);
    }

    static GoTrace decode(byte[] data) throws GoTraceFormatException {
        return of(data).decode();
    }

    static GoTrace decode(Path file) throws IOException, GoTraceFormatException {
        return decode(Files.readAllBytes(file));
    }

    static GoTrace stream(byte[] data, Consumer<GoEvent> sink) throws GoTraceFormatException {
        return of(data).stream(sink);
    }
}
