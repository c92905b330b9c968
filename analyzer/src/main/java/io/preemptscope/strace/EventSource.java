package io.preemptscope.strace;

import io.preemptscope.strace.event.StraceEvent;
import java.io.Closeable;
import java.io.IOException;

/**
 * Where the replay's events come from, one at a time in capture order: strace files, or another
 * capture (perf) read as the same events.
 */
public interface EventSource extends Closeable {
    /** The next event, or null at the end of the input. */
    StraceEvent next() throws IOException, StraceInputException;

    /** Bytes read so far (compressed inputs count their decompressed bytes), for progress. */
    long bytesRead();
}
