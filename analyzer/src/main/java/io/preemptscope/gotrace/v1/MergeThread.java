package io.preemptscope.gotrace.v1;

import io.preemptscope.gotrace.GoTraceFormatException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs the merge on a thread of its own and hands its events over in chunks, so that decoding and
 * merging use one core while checking and summarizing use the other. At most {@link #CHUNKS}
 * chunks of {@link #CHUNK} events wait, so memory stays bounded. A failure of the merge reaches the
 * caller in order, after the events that came before it.
 */
final class MergeThread {
    static final int CHUNK = 4096;
    static final int CHUNKS = 8;

    /** Events in merged order; {@code failure} or {@code last} ends the stream. */
    private record Chunk(V1Event[] events, int size, Exception failure, boolean last) {}

    private MergeThread() {}

    /** Merges the cursors on a second thread and gives every event to {@code sink} on this one. */
    static void run(List<EventCursor> cursors, Order.Sink merged, Order.Sink sink) throws GoTraceFormatException {
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(CHUNKS);
        Thread producer = new Thread(() -> produce(cursors, merged, queue), "gotrace-merge");
        producer.setDaemon(true);
        producer.start();
        try {
            consume(queue, sink);
        } finally {
            // A sink that failed leaves the merge waiting on a full queue: stop it.
            producer.interrupt();
        }
    }

    private static void produce(List<EventCursor> cursors, Order.Sink merged, BlockingQueue<Chunk> queue) {
        V1Event[][] chunk = {new V1Event[CHUNK]};
        int[] size = {0};
        try {
            Order.order1007(cursors, ev -> {
                merged.accept(ev);
                chunk[0][size[0]++] = ev;
                if (size[0] == CHUNK) {
                    put(queue, new Chunk(chunk[0], CHUNK, null, false));
                    chunk[0] = new V1Event[CHUNK];
                    size[0] = 0;
                }
            });
            put(queue, new Chunk(chunk[0], size[0], null, true));
        } catch (Stopped stopped) {
            Thread.currentThread().interrupt();
        } catch (GoTraceFormatException | RuntimeException e) {
            try {
                put(queue, new Chunk(chunk[0], size[0], e, true));
            } catch (Stopped stopped) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void consume(BlockingQueue<Chunk> queue, Order.Sink sink) throws GoTraceFormatException {
        while (true) {
            Chunk c;
            try {
                c = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while decoding a Go trace", e);
            }
            for (int i = 0; i < c.size(); i++) {
                sink.accept(c.events()[i]);
            }
            if (c.failure() instanceof GoTraceFormatException bad) {
                throw bad;
            }
            if (c.failure() instanceof RuntimeException r) {
                throw r;
            }
            if (c.last()) {
                return;
            }
        }
    }

    private static void put(BlockingQueue<Chunk> queue, Chunk c) throws Stopped {
        try {
            queue.put(c);
        } catch (InterruptedException e) {
            throw new Stopped();
        }
    }

    /** The consumer gave up: the merge ends without handing anything more over. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
