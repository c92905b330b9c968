package io.preemptscope.testing;

import io.preemptscope.input.InputSource;
import io.preemptscope.stats.StraceStats;
import io.preemptscope.stats.StraceStatsCollector;
import io.preemptscope.strace.ReadProblem;
import io.preemptscope.strace.StraceInputException;
import io.preemptscope.strace.StraceInputs;
import io.preemptscope.strace.StraceReader;
import io.preemptscope.strace.event.StraceEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads captures the way {@code parse} does, keeping events, problems and counts for assertions. */
public final class StraceRun {
    public final List<StraceEvent> events = new ArrayList<>();
    public final List<ReadProblem> problems = new ArrayList<>();
    public StraceStats stats;

    public static StraceRun of(Path... inputs) {
        StraceRun run = new StraceRun();
        try {
            List<StraceInputs.InputFile> files = StraceInputs.expand(Stream.of(inputs).map(InputSource::of).toList());
            StraceStatsCollector collector = new StraceStatsCollector();
            try (StraceReader reader = new StraceReader(files, run.problems::add)) {
                for (StraceEvent e = reader.next(); e != null; e = reader.next()) {
                    run.events.add(e);
                    collector.accept(e);
                }
                run.stats = collector.result(reader.files());
            }
        } catch (IOException | StraceInputException e) {
            throw new AssertionError("reading " + List.of(inputs) + " failed: " + e.getMessage(), e);
        }
        return run;
    }

    public <T extends StraceEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
