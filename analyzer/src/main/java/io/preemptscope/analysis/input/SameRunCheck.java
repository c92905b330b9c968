package io.preemptscope.analysis.input;

import io.preemptscope.capture.Bundle;
import io.preemptscope.strace.StraceInputException;
import io.preemptscope.input.InputSource;
import io.preemptscope.strace.StraceInputs;
import io.preemptscope.strace.event.ExitEvent;
import io.preemptscope.strace.event.KillEvent;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SyscallEvent;
import io.preemptscope.strace.event.Timestamp;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether the inputs the user named are captures of one run, judged on evidence that costs no
 * extra pass over them: the two ends of each strace log (its first event, its last timestamp, the
 * exit of the process it started), each Go trace's length, and what capture bundles recorded. The
 * -ff files of one directory and prefix count as one input, however they were named, unless their
 * times fall apart into groups (two runs' -ff files side by side); the parts of one bundle are
 * never compared with each other.
 *
 * <p>Two inputs are of different runs when two strace logs ran at times that do not overlap or each
 * starts a process of its own, when a Go trace ran longer than a strace log that saw its program
 * from execve to exit, or shows no Go trace being written (known only at the end of the strace
 * events, so that check watches them go by), and when bundles recorded different runs or a log
 * lies outside a bundle's capture time. Without evidence (relative timestamps, no pids, a
 * compressed log's unseen end) inputs are taken as one run.
 */
public final class SameRunCheck {
    /** Two runs started one after the other by a script are milliseconds apart; one run's logs overlap. */
    private static final long TIME_SLACK_NS = 100_000_000L;
    /** -t prints whole seconds. */
    private static final long WHOLE_SECOND_SLACK_NS = 1_000_000_000L;
    /** capture.json's times are taken around strace's. */
    private static final long BUNDLE_SLACK_NS = 1_000_000_000L;

    private final List<RunInput> inputs;
    private final SameRun policy;
    private final Set<String> reported = new HashSet<>();
    private final RunInput watchedStrace;
    private StreamFacts stream;

    /**
     * One input as the user named it: a strace log or -ff set, a Go trace, or a bundle (its log,
     * its trace and its capture.json).
     */
    private record RunInput(String name, StraceFacts strace, DecodedTrace trace, BundleRun run) {}

    private SameRunCheck(List<RunInput> inputs, SameRun policy) {
        this.inputs = inputs;
        this.policy = policy;
        List<RunInput> straces = inputs.stream().filter(i -> i.strace != null).toList();
        boolean otherTrace = straces.size() == 1
                && inputs.stream().anyMatch(i -> i.trace != null && i != straces.get(0));
        this.watchedStrace = otherTrace ? straces.get(0) : null;
    }

    /**
     * Judges the inputs before their events are replayed: with mismatches, refuses them, or, when
     * the user asserted one run, warns and goes on.
     *
     * @param named what the user named
     * @param files the strace files they expand to
     * @param traces the Go traces among them, decoded
     */
    static SameRunCheck check(List<Path> named, List<StraceInputs.InputFile> files, List<DecodedTrace> traces,
            SameRun policy) throws BadInputException {
        SameRunCheck check = new SameRunCheck(inputs(named, files, traces), policy);
        List<RunMismatch> found = new ArrayList<>();
        for (int i = 0; i < check.inputs.size(); i++) {
            for (int j = i + 1; j < check.inputs.size(); j++) {
                check.compare(check.inputs.get(i), check.inputs.get(j)).ifPresent(found::add);
            }
        }
        check.settle(found);
        return check;
    }

    /** Whether the strace events need watching: a Go trace is checked against them at their end. */
    boolean watches() {
        return watchedStrace != null;
    }

    /** Sees one strace event go by, in the order replayed. */
    void see(StraceEvent e) {
        if (stream == null) {
            stream = new StreamFacts(e);
        }
        stream.see(e);
    }

    /** The strace events are over: what only all of them tell is judged now. */
    void end() throws BadInputException {
        if (stream == null || stream.ended) {
            return;
        }
        stream.ended = true;
        StraceFacts whole = stream.facts();
        List<RunMismatch> found = new ArrayList<>();
        for (RunInput other : inputs) {
            if (other.trace == null || other == watchedStrace) {
                continue;
            }
            RunInput s = new RunInput(watchedStrace.name, whole, null, null);
            Optional<RunMismatch> m = traceAgainstStrace(s, other, inputs.indexOf(other) < inputs.indexOf(watchedStrace));
            if (m.isEmpty() && stream.writesShown && !stream.traceWritten && whole.wholeProcess()) {
                m = Optional.of(unwritten(s, other));
            }
            m.ifPresent(found::add);
        }
        settle(found);
    }

    /**
     * The join of a strace log and a Go trace found no clock offset that explains both: refused, or
     * warned about when the user asserted one run.
     */
    void joinDisagrees(String straceName, String traceName, String reason, String evidence) throws BadInputException {
        if (reported.contains(traceName + "\0" + straceName)) {
            return; // already told, from other evidence, the other way round
        }
        settle(List.of(new RunMismatch(straceName, traceName, reason, evidence)));
    }

    private void settle(List<RunMismatch> found) throws BadInputException {
        List<RunMismatch> fresh = found.stream().filter(m -> reported.add(m.first() + "\0" + m.second())).toList();
        if (fresh.isEmpty()) {
            return;
        }
        if (policy.asserted()) {
            fresh.forEach(m -> policy.warnings().accept(m.warning()));
            return;
        }
        throw new BadInputException(String.join("\n", fresh.stream().map(RunMismatch::refusal).toList()));
    }

    private Optional<RunMismatch> compare(RunInput a, RunInput b) {
        if (a.run != null && b.run != null && differentRuns(a.run, b.run)) {
            return Optional.of(new RunMismatch(a.name, b.name, "their capture.json record different runs",
                    a.name + " " + a.run.describe() + ", " + b.name + " " + b.run.describe()));
        }
        if (a.strace != null && b.strace != null) {
            List<String> reasons = new ArrayList<>();
            if (disjoint(a.strace, b.strace)) {
                reasons.add("their times do not overlap");
            }
            if (ownProcesses(a.strace, b.strace)) {
                reasons.add("each starts a process of its own");
            }
            if (!reasons.isEmpty()) {
                return Optional.of(new RunMismatch(a.name, b.name, String.join(" and ", reasons),
                        a.name + " " + describe(a.strace) + ", " + b.name + " " + describe(b.strace)));
            }
        }
        Optional<RunMismatch> m = traceAgainstStrace(a, b, false);
        if (m.isEmpty()) {
            m = traceAgainstStrace(b, a, true);
        }
        if (m.isEmpty()) {
            m = againstBundle(a, b, false);
        }
        if (m.isEmpty()) {
            m = againstBundle(b, a, true);
        }
        return m;
    }

    /** {@code s}'s strace log against {@code t}'s Go trace; {@code swapped} when t was named first. */
    private static Optional<RunMismatch> traceAgainstStrace(RunInput s, RunInput t, boolean swapped) {
        if (s.strace == null || t.trace == null || !s.strace.wholeProcess()) {
            return Optional.empty();
        }
        long traceNs = t.trace.trace().durationNs();
        if (!longer(traceNs, s.strace.spanNs())) {
            return Optional.empty();
        }
        String sSide = s.name + " " + describe(s.strace) + ", " + seconds(s.strace.spanNs())
                + " from its execve to its exit";
        String tSide = t.name + " holds a Go trace of " + seconds(traceNs);
        String reason = "the Go trace ran longer than the whole traced process";
        return Optional.of(swapped ? new RunMismatch(t.name, s.name, reason, tSide + ", " + sSide)
                : new RunMismatch(s.name, t.name, reason, sSide + ", " + tSide));
    }

    private RunMismatch unwritten(RunInput s, RunInput t) {
        String sSide = s.name + " " + describe(s.strace);
        String tSide = t.name + " holds a Go trace of " + seconds(t.trace.trace().durationNs());
        String reason = "the strace log shows its program's writes and no Go trace among them";
        return inputs.indexOf(t) < inputs.indexOf(watchedStrace)
                ? new RunMismatch(t.name, s.name, reason, tSide + ", " + sSide)
                : new RunMismatch(s.name, t.name, reason, sSide + ", " + tSide);
    }

    /** {@code x}'s log or trace against the bundle {@code b} records (when x is not that bundle). */
    private static Optional<RunMismatch> againstBundle(RunInput x, RunInput b, boolean swapped) {
        if (b.run == null || x.run != null || !b.run.timed()) {
            return Optional.empty();
        }
        String reason = null;
        String xSide = null;
        if (x.strace != null && x.strace.dated() && x.strace.first().clock() == Timestamp.Clock.EPOCH) {
            long start = epochNs(b.run.start());
            long end = epochNs(b.run.end());
            if (x.strace.first().nanos() > end + BUNDLE_SLACK_NS || x.strace.last().nanos() < start - BUNDLE_SLACK_NS) {
                reason = "the strace log ran outside the bundle's capture";
                xSide = x.name + " " + describe(x.strace);
            }
        }
        if (reason == null && x.trace != null && longer(x.trace.trace().durationNs(), b.run.spanNs())) {
            reason = "the Go trace ran longer than the bundle's capture";
            xSide = x.name + " holds a Go trace of " + seconds(x.trace.trace().durationNs());
        }
        if (reason == null) {
            return Optional.empty();
        }
        String bSide = b.name + " " + b.run.describe();
        return Optional.of(swapped ? new RunMismatch(b.name, x.name, reason, bSide + ", " + xSide)
                : new RunMismatch(x.name, b.name, reason, xSide + ", " + bSide));
    }

    private static boolean differentRuns(BundleRun a, BundleRun b) {
        boolean starts = a.start() != null && b.start() != null && !a.start().equals(b.start());
        boolean commands = !a.command().isEmpty() && !b.command().isEmpty() && !a.command().equals(b.command());
        return starts || commands;
    }

    /** Both logs dated on one clock, and their spans apart by more than the printed precision. */
    private static boolean disjoint(StraceFacts a, StraceFacts b) {
        if (!a.dated() || !b.dated() || a.first().clock() != b.first().clock()) {
            return false;
        }
        long slack = wholeSeconds(a) || wholeSeconds(b) ? WHOLE_SECOND_SLACK_NS : TIME_SLACK_NS;
        // -t/-tt carry no date: the other log may have started on the day before or after
        long[] shifts = a.first().clock() == Timestamp.Clock.TIME_OF_DAY
                ? new long[] {-StraceFacts.DAY, 0, StraceFacts.DAY} : new long[] {0};
        for (long shift : shifts) {
            if (a.first().nanos() <= b.last().nanos() + shift + slack
                    && b.first().nanos() + shift <= a.last().nanos() + slack) {
                return false;
            }
        }
        return true;
    }

    /** Both logs start with an execve: two strace sessions, each starting its program, unless the same one. */
    private static boolean ownProcesses(StraceFacts a, StraceFacts b) {
        if (a.program() == null || b.program() == null) {
            return false;
        }
        return !a.program().equals(b.program()) || a.pid() >= 0 && b.pid() >= 0 && a.pid() != b.pid();
    }

    /** Longer than a span by more than the two clocks and strace's overhead can explain. */
    private static boolean longer(long traceNs, long spanNs) {
        return traceNs > spanNs + spanNs / 10 + 10_000_000L;
    }

    private static boolean wholeSeconds(StraceFacts f) {
        return wholeSeconds(f.first()) || wholeSeconds(f.last());
    }

    private static boolean wholeSeconds(Timestamp t) {
        return t.printed().indexOf('.') < 0;
    }

    private static long epochNs(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** "runs FIRST-LAST (pid N, PROGRAM)", each part when known. */
    private static String describe(StraceFacts f) {
        List<String> who = new ArrayList<>();
        if (f.pid() >= 0) {
            who.add("pid " + f.pid());
        }
        if (f.program() != null) {
            who.add(f.program());
        }
        String when = f.dated() ? "runs " + f.first().printed() + "-" + f.last().printed()
                : StraceFacts.absolute(f.first()) ? "starts at " + f.first().printed() : "";
        String details = who.isEmpty() ? "" : "(" + String.join(", ", who) + ")";
        return when.isEmpty() || details.isEmpty() ? when + details : when + " " + details;
    }

    private static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
    }

    /** The inputs as named, a bundle's parts and the -ff files of one directory and prefix each as one. */
    private static List<RunInput> inputs(List<Path> named, List<StraceInputs.InputFile> files,
            List<DecodedTrace> traces) {
        Map<String, FfSet> ffSets = new LinkedHashMap<>();
        List<Supplier<List<RunInput>>> out = new ArrayList<>();
        for (Path p : named) {
            if (Bundle.isBundle(p)) {
                Path log = p.resolve(Bundle.STRACE);
                List<StraceInputs.InputFile> mine = files.stream().filter(f -> f.source().path().map(log::equals).orElse(false)).toList();
                RunInput bundle = new RunInput(p.toString(), mine.isEmpty() ? null : StraceFacts.read(mine),
                        trace(traces, p.resolve(Bundle.GO_TRACE)), BundleRun.read(p).orElse(null));
                out.add(() -> List.of(bundle));
                continue;
            }
            DecodedTrace trace = trace(traces, p);
            if (trace != null) {
                out.add(() -> List.of(new RunInput(p.toString(), null, trace, null)));
                continue;
            }
            if (InputSource.isStdin(p)) {
                continue; // read once, by the analysis: nothing to compare it by beforehand
            }
            List<StraceInputs.InputFile> mine;
            try {
                mine = StraceInputs.expand(List.of(InputSource.of(p)));
            } catch (StraceInputException gone) {
                continue; // the strace reader names what is wrong with it
            }
            String key = mine.isEmpty() || mine.get(0).tid() <= 0 ? null : ffKey(mine.get(0));
            if (key != null && mine.stream().allMatch(f -> f.tid() > 0 && ffKey(f).equals(key))) {
                // an -ff set stands where it was first named, under that name
                FfSet set = ffSets.computeIfAbsent(key, k -> {
                    FfSet fresh = new FfSet(p.toString(), new LinkedHashSet<>());
                    out.add(() -> ffRuns(fresh));
                    return fresh;
                });
                set.files.addAll(mine);
                continue;
            }
            out.add(() -> List.of(new RunInput(p.toString(), StraceFacts.read(mine), null, null)));
        }
        return out.stream().flatMap(s -> s.get().stream()).toList();
    }

    /**
     * The runs of an -ff set: one, unless its files fall into groups whose times do not overlap
     * (the -ff files of two runs in one directory). The files of one process tree all overlap the
     * life of its first process, so they are never split.
     */
    private static List<RunInput> ffRuns(FfSet set) {
        List<StraceInputs.InputFile> files = List.copyOf(set.files);
        List<StraceEnds> ends = files.stream().map(StraceEnds::read).toList();
        List<FileSpan> spans = new ArrayList<>();
        List<Integer> undated = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            StraceEnds e = ends.get(i);
            Timestamp last = e.first() == null ? Timestamp.ABSENT : StraceFacts.dated(e.first().ts(), e.last());
            if (last.present()) {
                spans.add(new FileSpan(i, e.first().ts().nanos(), last.nanos(), wholeSeconds(e.first().ts())));
            } else {
                undated.add(i);
            }
        }
        // -t/-tt: a file that starts more than half a day before the latest start is of the next day
        long latest = spans.stream().mapToLong(FileSpan::start).max().orElse(0);
        List<FileSpan> onOneDay = spans.stream().map(f -> f.start + StraceFacts.DAY / 2 < latest
                && ends.get(f.index).first().ts().clock() == Timestamp.Clock.TIME_OF_DAY
                ? new FileSpan(f.index, f.start + StraceFacts.DAY, f.end + StraceFacts.DAY, f.wholeSeconds) : f)
                .sorted(Comparator.comparingLong(FileSpan::start)).toList();
        List<List<Integer>> groups = new ArrayList<>();
        long groupEnd = Long.MIN_VALUE;
        for (FileSpan f : onOneDay) {
            if (groups.isEmpty() || f.start > groupEnd + (f.wholeSeconds ? WHOLE_SECOND_SLACK_NS : TIME_SLACK_NS)) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(f.index);
            groupEnd = Math.max(groupEnd, f.end);
        }
        if (groups.size() <= 1) {
            return List.of(new RunInput(set.name, StraceFacts.of(ends), null, null));
        }
        // files that say nothing about their time stay with the first run, where they do no harm
        groups.get(0).addAll(undated);
        List<RunInput> runs = new ArrayList<>();
        for (List<Integer> group : groups) {
            group.sort(null);
            String name = files.get(group.get(0)).displayName() + " (+" + (group.size() - 1) + " -ff files)";
            runs.add(new RunInput(name, StraceFacts.of(group.stream().map(ends::get).toList()), null, null));
        }
        return runs;
    }

    /** When one -ff file ran, on a clock that dates it. */
    private record FileSpan(int index, long start, long end, boolean wholeSeconds) {}

    private record FfSet(String name, Set<StraceInputs.InputFile> files) {}

    /** An -ff file's directory and prefix: trace.12084 and trace.12085 in one directory are one set. */
    private static String ffKey(StraceInputs.InputFile f) {
        Path path = f.source().path().orElse(Path.of(f.displayName()));
        String name = path.getFileName().toString();
        Path prefix = path.resolveSibling(name.substring(0, name.lastIndexOf('.')));
        return prefix.toString();
    }

    private static DecodedTrace trace(List<DecodedTrace> traces, Path p) {
        return traces.stream().filter(t -> t.name().equals(p.toString())).findFirst().orElse(null);
    }

    /** What the whole of the strace events tells, gathered as they go by. */
    private static final class StreamFacts {
        private final StraceEvent first;
        private Timestamp last = Timestamp.ABSENT;
        private boolean rootExited;
        /** A write's data was printed long enough to show a Go trace's header. */
        private boolean writesShown;
        private boolean traceWritten;
        private boolean ended;

        StreamFacts(StraceEvent first) {
            this.first = first;
        }

        void see(StraceEvent e) {
            Timestamp t = e.ts();
            if (e instanceof SyscallEvent call) {
                if (call.exit().present()) {
                    t = call.exit();
                }
                String name = call.name();
                if (name.startsWith("write") || name.startsWith("pwrite") || name.startsWith("send")) {
                    written(call.args());
                }
            } else if ((e instanceof ExitEvent || e instanceof KillEvent) && e.tid() == first.tid()) {
                rootExited = true;
            }
            if (t.present() && (!last.present() || t.nanos() > last.nanos())) {
                last = t;
            }
        }

        /** runtime/trace writes its header "go 1.NN trace" first; strace -x prints it in hex. */
        private void written(String args) {
            if (traceWritten) {
                return;
            }
            int quote = args.indexOf('"');
            if (quote >= 0 && args.length() > quote + 6 && args.charAt(quote + 1) != '"') {
                writesShown = true;
            }
            if (args.contains("go 1.") || args.contains("\\x67\\x6f\\x20\\x31\\x2e")) {
                traceWritten = true;
            }
        }

        StraceFacts facts() {
            Timestamp start = first.ts();
            Timestamp end = start.present() && last.present() && last.clock() == start.clock() ? last : Timestamp.ABSENT;
            String program = StraceFacts.program(first);
            return new StraceFacts(start, end, first.tid(), program, program != null && rootExited);
        }
    }
}
