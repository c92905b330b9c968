package io.preemptscope.gotrace.decode;

import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTrace;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.gotrace.GoVersionRange;
import io.preemptscope.gotrace.Preemption;
import io.preemptscope.gotrace.PreemptionTally;
import io.preemptscope.gotrace.RunSlice;
import io.preemptscope.gotrace.RunSliceTracker;
import io.preemptscope.gotrace.TraceFiles;
import io.preemptscope.gotrace.TraceReleases;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A Go execution trace ready to be replayed as often as the analysis needs: what it says about
 * the Go release is known up front, and its events and run slices are streamed. Only the file's
 * bytes are kept; each pass decodes them again, so memory stays near the file's size whatever the
 * event count.
 */
public final class GoTraceInput {
    /** Receives a replay: every event in order, and each run slice once it has ended. */
    public interface Listener extends RunSliceTracker.Listener {
        void event(GoEvent e);
    }

    private final GoTraceDecoder decoder;
    private final GoVersionRange versions;
    private final long asyncPreemptions;
    private final long durationNs;

    private GoTraceInput(GoTraceDecoder decoder, GoVersionRange versions, long asyncPreemptions, long durationNs) {
        this.decoder = decoder;
        this.versions = versions;
        this.asyncPreemptions = asyncPreemptions;
        this.durationNs = durationNs;
    }

    /** Reads and checks the whole trace once; a damaged trace fails here, before any replay. */
    public static GoTraceInput read(Path file) throws IOException, GoTraceFormatException {
        return read(TraceFiles.readBytes(file));
    }

    /** A trace read whole from a stream (standard input, a pipe), checked like a file. */
    public static GoTraceInput read(byte[] bytes) throws GoTraceFormatException {
        GoTraceDecoder decoder = GoTraceDecoder.of(bytes);
        PreemptionTally preemptions = new PreemptionTally();
        RunSliceTracker tracker = new RunSliceTracker(new RunSliceTracker.Listener() {
            @Override
            public void slice(RunSlice slice) {}

            @Override
            public void preemption(Preemption p) {
                preemptions.add(p);
            }
        });
        long[] last = {0};
        GoTrace header = decoder.stream(e -> {
            // not every event comes in time order (v1 keeps a GoSysExit where it was written)
            last[0] = Math.max(last[0], e.tsNs());
            tracker.accept(e);
        });
        tracker.finish();
        GoVersionRange versions = TraceReleases.of(header, tracker.asyncPreemptionSeen(),
                tracker.sleepWokenByScheduler());
        return new GoTraceInput(decoder, versions, preemptions.async(), last[0]);
    }

    public GoVersionRange versions() {
        return versions;
    }

    public long asyncPreemptions() {
        return asyncPreemptions;
    }

    /** Nanoseconds from the first event to the last: how long the trace ran. */
    public long durationNs() {
        return durationNs;
    }

    /** Streams the trace into {@code listener}: each slice is reported once the event that ends it is past. */
    public void replay(Listener listener) throws GoTraceFormatException {
        RunSliceTracker tracker = new RunSliceTracker(listener);
        decoder.stream(e -> {
            listener.event(e);
            tracker.accept(e);
        });
        tracker.finish();
    }
}
