package io.preemptscope.schedtrace;

import io.preemptscope.testing.Corpus;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

final class SchedtraceTesting {
    private SchedtraceTesting() {}

    static Path capture(String name) {
        return Corpus.root().resolve("gotrace/captures").resolve(name);
    }

    static Path synthetic(String name) {
        try {
            return Path.of(SchedtraceTesting.class.getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    record Read(List<SchedSample> samples, SchedtraceStats stats) {}

    static Read read(Path file) {
        try (SchedtraceReader r = SchedtraceReader.open(file)) {
            return drain(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Read read(String text) {
        try (SchedtraceReader r = new SchedtraceReader(new StringReader(text))) {
            return drain(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Read drain(SchedtraceReader r) throws IOException {
        List<SchedSample> samples = new ArrayList<>();
        SchedtraceStatsCollector c = new SchedtraceStatsCollector();
        for (SchedSample s = r.next(); s != null; s = r.next()) {
            samples.add(s);
            c.accept(s);
        }
        return new Read(samples, c.result(r));
    }
}
