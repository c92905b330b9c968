package io.preemptscope.gotrace;

import io.preemptscope.gotrace.v1.V1Decoder;
import io.preemptscope.gotrace.v2.V2Analysis;
import io.preemptscope.gotrace.v2.V2Decoder;
import io.preemptscope.gotrace.v2.V2Trace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Go execution trace of either wire format, decoded, with its scheduling analysis: what the
 * analysis of a run needs whatever Go release wrote the trace.
 *
 * @param v2 true for the Go 1.22+ format, whose slices and stop reasons differ
 */
public record DecodedTrace(GoTrace trace, GoTraceAnalysis analysis, boolean v2) {

    public static DecodedTrace read(Path file) throws IOException, GoTraceFormatException {
        byte[] prefix;
        try (InputStream in = Files.newInputStream(file)) {
            prefix = in.readNBytes(64);
        }
        if (V2Decoder.accepts(prefix)) {
            V2Trace v2 = V2Decoder.decode(file);
            return new DecodedTrace(v2.goTrace(), V2Analysis.of(v2), true);
        }
        GoTrace v1 = V1Decoder.decode(file);
        return new DecodedTrace(v1, GoTraceAnalysis.of(v1), false);
    }
}
