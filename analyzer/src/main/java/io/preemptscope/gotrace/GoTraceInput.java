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
 * A Go execution trace of either wire format, ready to be replayed as often as the analysis
 * needs: what it says about the Go release is known up front, and its events and run slices can
 * be streamed. A v1 trace keeps only its bytes and is decoded again on each pass, so memory stays
 * near the file's size; a v2 trace is decoded whole.
 */
public final class GoTraceInput {
    /** Receives a replay: every event in order, and each run slice once it has ended. */
    public interface Listener extends RunSliceTracker.Listener {
        void event(GoEvent e);
    }

    private final byte[] v1Bytes;
    private final V2Trace v2Trace;
    private final GoTraceAnalysis v2Analysis;
    private final GoVersionRange versions;
    private final long asyncPreemptions;

    private GoTraceInput(byte[] v1Bytes, V2Trace v2Trace, GoTraceAnalysis v2Analysis, GoVersionRange versions,
            long asyncPreemptions) {
        this.v1Bytes = v1Bytes;
        this.v2Trace = v2Trace;
        this.v2Analysis = v2Analysis;
        this.versions = versions;
        this.asyncPreemptions = asyncPreemptions;
    }

    /** Reads and checks the whole trace once; a damaged trace fails here, before any replay. */
    public static GoTraceInput read(Path file) throws IOException, GoTraceFormatException {
        byte[] prefix;
        try (InputStream in = Files.newInputStream(file)) {
            prefix = in.readNBytes(64);
        }
        if (V2Decoder.accepts(prefix)) {
            V2Trace v2 = V2Decoder.decode(file);
            GoTraceAnalysis analysis = V2Analysis.of(v2);
            return new GoTraceInput(null, v2, analysis, analysis.versions(), analysis.asyncPreemptions());
        }
        byte[] data = V1Decoder.readFile(file);
        PreemptionTally preemptions = new PreemptionTally();
        RunSliceTracker tracker = new RunSliceTracker(new RunSliceTracker.Listener() {
            @Override
            public void slice(RunSlice slice) {}

            @Override
            public void preemption(Preemption p) {
                preemptions.add(p);
            }
        });
        GoTrace header = V1Decoder.stream(data, tracker::accept);
        tracker.finish();
        GoVersionRange versions = GoTraceAnalysis.versions(header, tracker.asyncPreemptionSeen(),
                tracker.sleepWokenByScheduler());
        return new GoTraceInput(data, null, null, versions, preemptions.async());
    }

    /** True for the Go 1.22+ format, whose slices and stop reasons differ. */
    public boolean v2() {
        return v2Trace != null;
    }

    public GoVersionRange versions() {
        return versions;
    }

    public long asyncPreemptions() {
        return asyncPreemptions;
    }

    /**
     * Streams the trace into {@code listener}. For v1 each slice is reported when the event that
     * ends it goes past; for v2, whose slices follow threads, after the last event, in start order.
     */
    public void replay(Listener listener) throws GoTraceFormatException {
        if (v2Trace != null) {
            v2Trace.goTrace().events().forEach(listener::event);
            v2Analysis.preemptions().forEach(listener::preemption);
            v2Analysis.slices().forEach(listener::slice);
            return;
        }
        RunSliceTracker tracker = new RunSliceTracker(listener);
        V1Decoder.stream(v1Bytes, e -> {
            listener.event(e);
            tracker.accept(e);
        });
        tracker.finish();
    }
}
