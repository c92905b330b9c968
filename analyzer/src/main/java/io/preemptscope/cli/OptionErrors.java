package io.preemptscope.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Every usage error in one form, {@code preemptscope: OPTION: what is wrong}, and a pointer to
 * --help instead of the whole help text; picocli's own wording for a value it cannot convert
 * names Java types ("is not an int"), so those are said again in words.
 */
final class OptionErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("preemptscope: " + describe(ex));
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static String describe(ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (first.startsWith("-")) {
                return "unknown option '" + first + "'";
            }
            var commands = ex.getCommandLine().getSubcommands().keySet();
            return commands.isEmpty() ? "unexpected argument '" + first + "'"
                    : "unknown command '" + first + "' (" + or(commands.stream().filter(c -> !c.equals("help")).toList()) + ")";
        }
        if (ex instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
            return "missing " + or(missing.getMissing().stream().map(OptionErrors::name).toList());
        }
        ArgSpec arg = ex.getArgSpec();
        if (arg == null || !(ex.getCause() instanceof CommandLine.TypeConversionException)) {
            return ex.getMessage();
        }
        String name = name(arg);
        Class<?> type = arg.type();
        String expected;
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            expected = "expected a whole number";
        } else if (type.isEnum()) {
            expected = "expected " + or(Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList());
        } else {
            expected = "not a valid value";
        }
        return name + ": " + expected + ", got '" + ex.getValue() + "'";
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    /** "a", "a or b", "a, b or c". */
    private static String or(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
