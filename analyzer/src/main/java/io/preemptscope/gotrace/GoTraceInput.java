package io.preemptscope.gotrace;

import io.preemptscope.gotrace.v1.V1Decoder;
import io.preemptscope.gotrace.v2.V2Analysis;
import io.preemptscope.gotrace.v2.V2Decoder;
import io.preemptscope.gotrace.v2.V2SliceTracker;
import io.preemptscope.gotrace.v2.V2Trace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A Go execution trace of either wire format, ready to be replayed as often as the analysis
 * needs: what it says about the Go release is known up front, and its events and run slices are
 * streamed. Only the file's bytes are kept; each pass decodes them again, so memory stays near
 * the file's size whatever the event count.
 */
public final class GoTraceInput {
    /** Receives a replay: every event in order, and each run slice once it has ended. */
    public interface Listener extends RunSliceTracker.Listener {
        void event(GoEvent e);
    }

    private final byte[] data;
    private final boolean v2;
    private final GoVersionRange versions;
    private final long asyncPreemptions;

    private GoTraceInput(byte[] data, boolean v2, GoVersionRange versions, long asyncPreemptions) {
        this.data = data;
        this.v2 = v2;
        this.versions = versions;
        this.asyncPreemptions = asyncPreemptions;
    }

    /** Reads and checks the whole trace once; a damaged trace fails here, before any replay. */
    public static GoTraceInput read(Path file) throws IOException, GoTraceFormatException {
        byte[] data = TraceFiles.readBytes(file);
        boolean v2 = V2Decoder.accepts(Arrays.copyOf(data, Math.min(data.length, 64)));
        PreemptionTally preemptions = new PreemptionTally();
        Listener count = new Listener() {
            @Override
            public void event(GoEvent e) {}

            @Override
            public void slice(RunSlice slice) {}

            @Override
            public void preemption(Preemption p) {
                preemptions.add(p);
            }
        };
        if (v2) {
            V2Trace header = replay(data, count);
            return new GoTraceInput(data, true, V2Analysis.versions(header), preemptions.async());
        }
        RunSliceTracker tracker = new RunSliceTracker(count);
        GoTrace header = V1Decoder.stream(data, tracker::accept);
        tracker.finish();
        GoVersionRange versions = GoTraceAnalysis.versions(header, tracker.asyncPreemptionSeen(),
                tracker.sleepWokenByScheduler());
        return new GoTraceInput(data, false, versions, preemptions.async());
    }

    /** True for the Go 1.22+ format, whose slices and stop reasons differ. */
    public boolean v2() {
        return v2;
    }

    public GoVersionRange versions() {
        return versions;
    }

    public long asyncPreemptions() {
        return asyncPreemptions;
    }

    /** Streams the trace into {@code listener}: each slice is reported once the event that ends it is past. */
    public void replay(Listener listener) throws GoTraceFormatException {
        if (v2) {
            replay(data, listener);
            return;
        }
        RunSliceTracker tracker = new RunSliceTracker(listener);
        V1Decoder.stream(data, e -> {
            listener.event(e);
            tracker.accept(e);
        });
        tracker.finish();
    }

    private static V2Trace replay(byte[] data, Listener listener) throws GoTraceFormatException {
        V2SliceTracker tracker = new V2SliceTracker(listener);
        V2Trace header = V2Decoder.stream(data, v -> {
            listener.event(v.event());
            tracker.accept(v);
        });
        tracker.finish();
        return header;
    }
}
