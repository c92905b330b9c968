package io.preemptscope.strace;

import io.preemptscope.strace.event.StraceEvent;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads an {@link EventSource} on a thread of its own, a batch of events ahead of the consumer,
 * so that parsing and replay use both cores. Memory stays bounded: at most {@link #BATCHES}
 * batches of {@link #BATCH} events wait in the queue.
 *
 * <p>A reading failure is handed over in order and thrown from {@link #next()}, as the reader
 * would have thrown it.
 */
public final class PrefetchingReader implements AutoCloseable {
    static final int BATCH = 2048;
    static final int BATCHES = 16;

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(BATCHES);
    private final Thread producer;
    private StraceEvent[] current = new StraceEvent[0];
    private int size;
    private int index;
    private boolean done;

    /** A run of events (the first {@code size} of the array), or the end of input, or the failure that ended it. */
    private record Batch(StraceEvent[] events, int size, Exception failure, boolean last) {}

    public PrefetchingReader(EventSource reader) {
        producer = new Thread(() -> produce(reader), "strace-reader");
        producer.setDaemon(true);
        producer.start();
    }

    private void produce(EventSource reader) {
        try {
            StraceEvent[] batch = new StraceEvent[BATCH];
            int n = 0;
            for (StraceEvent e = reader.next(); e != null; e = reader.next()) {
                batch[n++] = e;
                if (n == BATCH) {
                    queue.put(new Batch(batch, n, null, false));
                    batch = new StraceEvent[BATCH];
                    n = 0;
                }
            }
            queue.put(new Batch(batch, n, null, true));
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (IOException | StraceInputException | RuntimeException e) {
            try {
                queue.put(new Batch(new StraceEvent[0], 0, e, true));
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The next event, or null at the end. */
    public StraceEvent next() throws IOException, StraceInputException {
        while (index == size) {
            if (done) {
                return null;
            }
            Batch b;
            try {
                b = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading", e);
            }
            if (b.failure() instanceof IOException io) {
                throw io;
            }
            if (b.failure() instanceof StraceInputException bad) {
                throw bad;
            }
            if (b.failure() instanceof RuntimeException r) {
                throw r;
            }
            current = b.events();
            size = b.size();
            index = 0;
            done = b.last();
        }
        // a replayed event is dropped at once: the young collections need not copy a batch's consumed part
        StraceEvent e = current[index];
        current[index++] = null;
        return e;
    }

    @Override
    public void close() {
        producer.interrupt();
    }
}
