package io.preemptscope.strace;

import io.preemptscope.strace.event.StraceEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a {@link StraceReader} on a thread of its own, a batch of events ahead of the consumer,
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
    private List<StraceEvent> current = List.of();
    private int index;
    private boolean done;

    /** A run of events, or the end of input, or the failure that ended it. */
    private record Batch(List<StraceEvent> events, Exception failure, boolean last) {}

    public PrefetchingReader(StraceReader reader) {
        producer = new Thread(() -> produce(reader), "strace-reader");
        producer.setDaemon(true);
        producer.start();
    }

    private void produce(StraceReader reader) {
        try {
            List<StraceEvent> batch = new ArrayList<>(BATCH);
            for (StraceEvent e = reader.next(); e != null; e = reader.next()) {
                batch.add(e);
                if (batch.size() == BATCH) {
                    queue.put(new Batch(batch, null, false));
                    batch = new ArrayList<>(BATCH);
                }
            }
            queue.put(new Batch(batch, null, true));
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (IOException | StraceInputException | RuntimeException e) {
            try {
                queue.put(new Batch(List.of(), e, true));
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The next event, or null at the end. */
    public StraceEvent next() throws IOException, StraceInputException {
        while (index == current.size()) {
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
            index = 0;
            done = b.last();
        }
        return current.get(index++);
    }

    @Override
    public void close() {
        producer.interrupt();
    }
}
