package io.preemptscope.output.html;

import java.util.List;

/**
 * What the report says about the capture beyond the analysis: what a bundle's capture.json
 * recorded (every field null for a plain log) and each input's kind and size. The command gathers
 * it; the report only words it.
 *
 * @param command the traced program's argv, empty when not recorded
 * @param start when capture started (ISO-8601), or null
 * @param straceVersion the tracer's version line: strace's, or perf's for a perf bundle
 * @param straceCommand the tracer's exact command line
 * @param backend what recorded the run, "strace" or "perf"; null for plain inputs (the report
 *     then names the kernel-side capture by its inputs' kind)
 */
public record CaptureFacts(
        List<String> command,
        String executable,
        String kernel,
        String straceVersion,
        List<String> straceCommand,
        String mode,
        String filter,
        String start,
        String end,
        Boolean interrupted,
        Integer targetExit,
        List<Input> inputs,
        String backend) {

    public CaptureFacts {
        command = command == null ? List.of() : List.copyOf(command);
        straceCommand = straceCommand == null ? List.of() : List.copyOf(straceCommand);
        inputs = List.copyOf(inputs);
    }

    /** The facts of plain inputs, without a capture.json. */
    public static CaptureFacts of(List<Input> inputs) {
        return new CaptureFacts(List.of(), null, null, null, List.of(), null, null, null, null, null, null, inputs,
                null);
    }

    public boolean recorded() {
        return straceVersion != null || kernel != null || !command.isEmpty();
    }

    /**
     * @param kind "strace log" or "Go execution trace"
     * @param sizeBytes null when the input is a pipe or standard input
     */
    public record Input(String name, String kind, Long sizeBytes) {}
}
