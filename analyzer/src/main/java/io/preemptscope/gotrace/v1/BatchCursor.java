package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.GoTraceFormatException;

/**
 * Decodes one P's events straight from the file bytes, batch after batch, only as fast as the
 * merge takes them: nothing but the current event of each P is held in memory.
 */
final class BatchCursor implements EventCursor {
    private final TraceIndex index;
    private final WireReader reader;
    private final WireEvent raw = new WireEvent();
    private final BatchState state = new BatchState();
    /** Where each stretch of this P's events starts: a Batch event, or events before any batch. */
    private final int[] segments;
    private int segment = -1;
    private boolean inSegment;
    private V1Event head;

    BatchCursor(TraceIndex index, int p, int[] segments) {
        this.index = index;
        this.reader = new WireReader(index.data, 0, index.version);
        this.segments = segments;
        state.p = p;
    }

    @Override
    public V1Event peek() throws GoTraceFormatException {
        if (head == null) {
            head = advance();
        }
        return head;
    }

    @Override
    public void pop() {
        head = null;
    }

    private V1Event advance() throws GoTraceFormatException {
        while (true) {
            if (!inSegment && !enterNextSegment()) {
                return null;
            }
            if (reader.atEnd()) {
                inSegment = false;
                continue;
            }
            reader.next(raw);
            switch (raw.type) {
                case BATCH -> inSegment = false; // somebody's next batch: ours continues elsewhere
                case STRING, STACK, FREQUENCY, TIMER_GOROUTINE -> { }
                default -> {
                    V1Event e = TimedEvents.decode(raw, state, index);
                    // Samples are merged from their own sorted list; here they only advance the clock.
                    if (e.type != EventType.CPU_SAMPLE) {
                        return e;
                    }
                }
            }
        }
    }

    private boolean enterNextSegment() throws GoTraceFormatException {
        if (++segment >= segments.length) {
            return false;
        }
        reader.seek(segments[segment]);
        reader.next(raw);
        if (raw.type == EventType.BATCH) {
            if (index.version < 1007) {
                state.seq = raw.arg(1);
                state.ts = raw.arg(2);
            } else {
                state.ts = raw.arg(1);
            }
        } else {
            // Events before the trace's first batch: no header to start from.
            reader.seek(segments[segment]);
            state.ts = 0;
            state.seq = 0;
        }
        inSegment = true;
        return true;
    }
}
