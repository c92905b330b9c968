package io.preemptscope.testing;

import io.preemptscope.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process, as a user would, capturing stdout and stderr. */
public final class Cli {
    private Cli() {}

    public record Result(int status, String out, String err) {}

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = execute(out, err, args);
        return new Result(status, out.toString(), err.toString());
    }

    /** Runs with {@code stdin} as standard input (System.in, put back afterwards), for INPUT {@code -}. */
    public static synchronized Result runWithStdin(byte[] stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    /** Runs with the caller's writers, for tests that read the output in several steps. */
    public static int execute(StringWriter out, StringWriter err, String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }
}
