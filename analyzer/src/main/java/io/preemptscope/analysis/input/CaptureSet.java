package io.preemptscope.analysis.input;

import io.preemptscope.analysis.kernel.KernelView;
import io.preemptscope.capture.Bundle;
import io.preemptscope.capture.RecordedRun;
import io.preemptscope.gobinary.GoBuildInfo;
import io.preemptscope.gotrace.GoTraceFormatException;
import io.preemptscope.gotrace.TraceFiles;
import io.preemptscope.gotrace.decode.GoTraceInput;
import io.preemptscope.input.InputException;
import io.preemptscope.input.InputKind;
import io.preemptscope.input.InputSource;
import io.preemptscope.input.OpenedInput;
import io.preemptscope.strace.ProblemSink;
import io.preemptscope.strace.StraceInputException;
import io.preemptscope.strace.StraceInputs;
import io.preemptscope.strace.args.ArgDecoder;
import io.preemptscope.strace.args.SyscallArgs;
import io.preemptscope.strace.event.StraceEvent;
import io.preemptscope.strace.event.SyscallEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The captures of one run, assembled from what the user named: strace files, -ff directories and
 * prefixes, Go execution traces (told apart by content) and capture bundle directories (which
 * stand for their strace log and Go trace). Everything known about the run before its events are
 * replayed is read here, once: what a bundle recorded, and the Go build info of the program the
 * strace capture starts with. The Go traces are read and checked whole; the strace events stream.
 *
 * <p>An input that reads as one stream (a file, a FIFO, a pipe, standard input) is opened once and
 * told from its first bytes; a strace input reads on from there, so a pipe is never read twice.
 */
public final class CaptureSet implements AutoCloseable {
    private final List<CaptureInput> inputs;
    private final Optional<RecordedRun> recorded;
    private final List<DecodedTrace> traces;
    private final StraceStream strace;
    private final Optional<GoBuildInfo> buildInfo;
    private final SameRunCheck oneRun;
    private final KernelView kernel;

    private CaptureSet(List<CaptureInput> inputs, Optional<RecordedRun> recorded, List<DecodedTrace> traces,
            StraceStream strace, Optional<GoBuildInfo> buildInfo,
            SameRunCheck oneRun, KernelView kernel) {
        this.kernel = kernel;
        this.inputs = inputs;
        this.recorded = recorded;
        this.traces = traces;
        this.strace = strace;
        this.buildInfo = buildInfo;
        this.oneRun = oneRun;
    }

    /**
     * Expands and opens the inputs of one run: every Go trace is decoded, then the strace files
     * are found and their first event read.
     *
     * @param stdin what the input named {@code -} reads
     * @param problems where unparsable strace lines go as they are read
     */
    public static CaptureSet open(List<Path> named, InputStream stdin, ProblemSink problems)
            throws BadInputException {
        return open(named, stdin, problems, SameRun.CHECKED);
    }

    /**
     * As {@link #open(List, InputStream, ProblemSink)}, with inputs that are not of one run refused
     * or, when the user asserted one run, warned about ({@link SameRunCheck}).
     */
    public static CaptureSet open(List<Path> named, InputStream stdin, ProblemSink problems, SameRun sameRun)
            throws BadInputException {
        Optional<RecordedRun> recorded = RecordedRun.of(named);
        List<InputSource> straceSources = new ArrayList<>();
        List<InputSource> perfSources = new ArrayList<>();
        List<DecodedTrace> traces = new ArrayList<>();
        for (Path input : Bundle.expand(named, true)) {
            InputSource source = InputSource.isStdin(input) ? InputSource.stdin(stdin) : InputSource.of(input);
            if (source.readsAsStream() && opened(source).kind() == InputKind.PERF_SCRIPT) {
                perfSources.add(source);
            } else if (source.readsAsStream() && opened(source).kind().goTrace()) {
                traces.add(decode(source));
            } else {
                straceSources.add(source);
            }
        }
        if (!perfSources.isEmpty() && (perfSources.size() > 1 || !straceSources.isEmpty())) {
            throw new BadInputException((perfSources.size() > 1 ? perfSources.get(1) : straceSources.get(0)).name()
                    + ": one run has one kernel-side capture: give one perf script text (" + perfSources.get(0).name()
                    + ") or strace files, not both or several");
        }
        if (!perfSources.isEmpty()) {
            return openPerf(named, recorded, perfSources.get(0), traces, problems, sameRun);
        }
        List<StraceInputs.InputFile> files;
        try {
            files = straceSources.isEmpty() ? List.of() : StraceInputs.expand(straceSources);
        } catch (StraceInputException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        List<CaptureInput> inputs = new ArrayList<>();
        files.forEach(f -> inputs.add(new CaptureInput(f.displayName(), CaptureInput.Kind.STRACE)));
        traces.forEach(t -> inputs.add(new CaptureInput(t.name(), CaptureInput.Kind.GO_TRACE)));
        SameRunCheck oneRun = SameRunCheck.check(named, files, traces, sameRun);
        StraceStream strace = files.isEmpty() ? null : StraceStream.open(files, problems);
        if (strace != null && oneRun.watches()) {
            strace.watch(oneRun);
        }
        return new CaptureSet(List.copyOf(inputs), recorded, List.copyOf(traces), strace,
                strace == null ? Optional.empty() : buildInfo(strace.first()), oneRun, null);
    }

    /**
     * A perf capture, read as the strace replay's events, with what only perf shows measured on
     * the side. The same-run checks of strace files (clock ranges, pids) do not read perf's events;
     * the join with a Go trace still refuses a pair that no clock offset lines up.
     */
    private static CaptureSet openPerf(List<Path> named, Optional<RecordedRun> recorded, InputSource perf,
            List<DecodedTrace> traces, ProblemSink problems, SameRun sameRun) throws BadInputException {
        StraceInputs.InputFile file = new StraceInputs.InputFile(perf, perf.name(), -1);
        List<CaptureInput> inputs = new ArrayList<>();
        inputs.add(new CaptureInput(perf.name(), CaptureInput.Kind.PERF));
        traces.forEach(t -> inputs.add(new CaptureInput(t.name(), CaptureInput.Kind.GO_TRACE)));
        SameRunCheck oneRun = SameRunCheck.check(named, List.of(), traces, sameRun);
        KernelView kernel = new KernelView();
        StraceStream events = StraceStream.openPerf(file, problems, kernel);
        return new CaptureSet(List.copyOf(inputs), recorded, List.copyOf(traces), events, Optional.empty(), oneRun,
                kernel);
    }

    /** Every input: the strace files first, in the order read, then the Go traces. */
    public List<CaptureInput> inputs() {
        return inputs;
    }

    /** What the first capture bundle among the inputs recorded about its run, if any. */
    public Optional<RecordedRun> recorded() {
        return recorded;
    }

    /** The Go build info of the executable the strace capture starts with (execve), when that file is here. */
    public Optional<GoBuildInfo> buildInfo() {
        return buildInfo;
    }

    public List<DecodedTrace> traces() {
        return traces;
    }

    /** What a perf capture shows of the kernel's scheduling, read once the events are; empty for strace. */
    public Optional<KernelView> kernel() {
        return Optional.ofNullable(kernel);
    }

    /** The strace events (or a perf capture's, read as strace events), when there are such inputs. */
    public Optional<StraceStream> strace() {
        return Optional.ofNullable(strace);
    }

    /**
     * The join of the strace capture with a Go trace found no clock offset that explains both: the
     * inputs are refused as not of one run, or, with --same-run, a warning says so.
     */
    public void joinDisagrees(String traceName, String reason, String evidence) throws BadInputException {
        String straceName = inputs.stream().filter(i -> i.kind() != CaptureInput.Kind.GO_TRACE).map(CaptureInput::name)
                .findFirst().orElse("the strace capture");
        oneRun.joinDisagrees(straceName, traceName, reason, evidence);
    }

    /** Fails when strace inputs were read and not one line of them was strace output. */
    public void requireStraceOutput() throws BadInputException {
        if (strace != null && strace.nothingParsed()) {
            throw new BadInputException(kernel != null ? "no perf script events found in the input"
                    : "no strace output found in the input");
        }
    }

    @Override
    public void close() {
        if (strace != null) {
            strace.close();
        }
    }

    private static OpenedInput opened(InputSource source) throws BadInputException {
        try {
            return source.open();
        } catch (InputException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** A Go trace is read whole (from a pipe too: its decoders need random access). */
    private static DecodedTrace decode(InputSource source) throws BadInputException {
        try (InputStream content = opened(source).content()) {
            return new DecodedTrace(source.name(), GoTraceInput.read(TraceFiles.readBytes(content, source.size())));
        } catch (GoTraceFormatException e) {
            throw BadInputException.of(source.name(), e);
        } catch (InputException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException(source.name() + ": cannot be read: " + InputException.reason(e), e);
        }
    }

    private static Optional<GoBuildInfo> buildInfo(StraceEvent first) {
        if (!(first instanceof SyscallEvent call) || !call.name().equals("execve")
                || !(ArgDecoder.decode(call.name(), call.args()) instanceof SyscallArgs.Exec exec)
                || exec.path() == null) {
            return Optional.empty();
        }
        try {
            Path exe = Path.of(exec.path());
            return Files.isRegularFile(exe) ? GoBuildInfo.read(exe) : Optional.empty();
        } catch (InvalidPathException notAPath) {
            return Optional.empty();
        }
    }
}
