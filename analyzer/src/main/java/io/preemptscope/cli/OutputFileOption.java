package io.preemptscope.cli;

import io.preemptscope.util.IoErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --output FILE} of the commands that print results: never over an existing file without
 * {@code --force}, and never half written. The results go to a temporary file beside FILE that
 * replaces it by a rename only when the run has produced them, so a run that fails on bad input
 * leaves no file behind and an existing one untouched.
 */
final class OutputFileOption {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the results to FILE; a run that fails leaves no FILE. Default: stdout.")
    Path file;

    @Option(names = "--force", description = "Replace FILE when it exists (default: an existing FILE is refused).")
    boolean force;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** As {@link #open()}, with results going to {@code defaultFile} when no FILE was given (not to stdout). */
    Destination open(Path defaultFile) {
        if (file == null) {
            file = defaultFile;
        }
        return open();
    }

    /** The file the results go to; null for stdout. */
    Path file() {
        return file;
    }

    /** Where this run's results go; FILE is checked here, before any input is read. */
    Destination open() {
        if (file == null) {
            return new Destination(command.commandLine().getOut(), null, null);
        }
        if (Files.isDirectory(file)) {
            throw new ParameterException(command.commandLine(), "--output: " + file + " is a directory");
        }
        refuseExisting();
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".part");
            java.io.OutputStream bytes = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
            return new Destination(new PrintWriter(new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8)), bytes,
                    temp);
        } catch (IOException e) {
            throw new ParameterException(command.commandLine(),
                    "--output: cannot create a file in " + dir + ": " + IoErrors.describe(e));
        }
    }

    private void refuseExisting() {
        if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ParameterException(command.commandLine(),
                    "--output: " + file + " already exists; pass --force to replace it");
        }
    }

    /** The writer for the results, and what becomes of the file when the run ends. */
    final class Destination implements AutoCloseable {
        private final PrintWriter out;
        private final java.io.OutputStream bytes;
        private final Path temp;

        private Destination(PrintWriter out, java.io.OutputStream bytes, Path temp) {
            this.out = out;
            this.bytes = bytes;
            this.temp = temp;
        }

        PrintWriter out() {
            return out;
        }

        /**
         * The same destination as bytes, for results that are no text (a compressed file); use
         * either this or {@link #out()}, not both. Without FILE, standard output as UTF-8 text.
         */
        java.io.OutputStream bytes() {
            return bytes != null ? bytes : new io.preemptscope.util.WriterOutputStream(out);
        }

        /**
         * Puts FILE in place when the run produced its results (status 0, or 1 for findings); any
         * other status discards them. Returns the status, or 3 when FILE could not be written.
         */
        int finish(int status, PrintWriter err) {
            out.flush();
            if (temp == null || (status != ExitCodes.OK && status != ExitCodes.FINDINGS)) {
                return status;
            }
            out.close();
            try {
                if (out.checkError()) {
                    throw new IOException("the results could not be written in full (disk full?)");
                }
                refuseExisting();
                if (Files.getFileAttributeView(temp, PosixFileAttributeView.class) != null) {
                    // a temporary file is private to its owner; the results are an ordinary file
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return status;
            } catch (IOException e) {
                err.println("preemptscope: cannot write " + file + ": " + IoErrors.describe(e));
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
        }

        /** A run that ended any other way than through {@link #finish} leaves no file. */
        @Override
        public void close() {
            if (temp != null) {
                out.close();
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover hidden .part file is all that remains; FILE itself was never touched
                }
            }
        }
    }
}
