import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Hot methods of a JFR recording, from its jdk.ExecutionSample events: "self" counts the samples
 * whose top frame is the method, "total" the samples with the method anywhere on the stack (once
 * per sample). Used by parse-bench.sh --profile; run as {@code java bench/JfrHot.java FILE.jfr [N]}.
 */
public final class JfrHot {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> selfLines = new HashMap<>();
        int samples = 0;
        int truncated = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            samples++;
            if (e.getStackTrace().isTruncated()) {
                truncated++;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            RecordedFrame head = frames.get(0);
            self.merge(name(head), 1, Integer::sum);
            selfLines.merge(name(head) + ":" + head.getLineNumber(), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                if (seen.add(name(f))) {
                    total.merge(name(f), 1, Integer::sum);
                }
            }
        }
        System.out.printf("%d execution samples (%d with truncated stacks)%n", samples, truncated);
        print("self time (top frame)", self, samples, top);
        print("total time (anywhere on the stack)", total, samples, top);
        print("self time by line", selfLines, samples, top);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.printf("%n%s%n", title);
        counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(top)
                .forEach(en -> System.out.printf("%6.2f%%  %7d  %s%n", 100.0 * en.getValue() / samples, en.getValue(), en.getKey()));
    }
}
