package io.preemptscope.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The preemptscope command line: subcommands, shared exit codes, no stack traces. */
@Command(
        name = "preemptscope",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Reconstructs and checks Go goroutine preemption from strace logs and Go runtime traces.",
        subcommands = {ParseCommand.class, AnalyzeCommand.class, ReportCommand.class, CaptureCommand.class,
            CompareCommand.class, RegressCommand.class, TimelineCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:ok",
            " 1:findings or checks at or above the requested threshold",
            " 2:usage error",
            " 3:bad or unreadable input",
            " 4:capture failure"})
public final class Main implements Runnable {
    /**
     * A bug, said as one. The JVM's account (a class name, often "null") tells the user nothing;
     * the command line and the input reproduce it for a maintainer.
     */
    private static final String INTERNAL_ERROR = "preemptscope: internal error, a bug in preemptscope;"
            + " please report it with the command line and the input that caused it";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int status;
        try {
            status = commandLine().execute(args);
        } catch (OutOfMemoryError tooBig) {
            // picocli hands errors through; a user still gets one line, never a stack trace
            System.err.println("preemptscope: out of memory; give the JVM more heap, e.g."
                    + " PREEMPTSCOPE_JAVA_OPTS=-Xmx8g ./preemptscope ...");
            status = ExitCodes.BAD_INPUT;
        } catch (StackOverflowError | LinkageError broken) {
            System.err.println(INTERNAL_ERROR);
            status = ExitCodes.BAD_INPUT;
        }
        System.exit(status);
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        // results can be gigabytes of JSON Lines: a large buffer, flushed by each command at its end
        cmd.setOut(new PrintWriter(new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), 1 << 16)));
        cmd.setParameterExceptionHandler(new OptionErrors());
        // capture's CMD keeps its own options even without "--"
        cmd.getSubcommands().get("capture").setStopAtPositional(true);
        cmd.getSubcommands().get("regress").setStopAtPositional(true);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (causedByOutOfMemory(ex)) {
                // Go traces are decoded in memory (their event order needs the whole file)
                err.println("preemptscope: out of memory; give the JVM more heap, e.g."
                        + " PREEMPTSCOPE_JAVA_OPTS=-Xmx8g ./preemptscope ...");
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
            err.println(INTERNAL_ERROR);
            err.flush();
            return ExitCodes.BAD_INPUT;
        });
        return cmd;
    }

    private static boolean causedByOutOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
