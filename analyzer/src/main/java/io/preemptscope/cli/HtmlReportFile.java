package io.preemptscope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;

/**
 * An HTML page written beside the main results ({@code compare --report}, regress's report.html):
 * never over an existing file without --force, and never half written (a temporary file beside it,
 * renamed into place).
 */
final class HtmlReportFile {
    private HtmlReportFile() {}

    /** Why FILE cannot be written, checked before any input is read; null when it can. */
    static String refusal(String option, Path file, boolean force) {
        if (Files.isDirectory(file)) {
            return option + ": " + file + " is a directory";
        }
        if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return option + ": " + file + " already exists; pass --force to replace it";
        }
        return null;
    }

    /** Writes FILE through a temporary file renamed into place; the existence check is made again first. */
    static void write(Path file, boolean force, Consumer<PrintWriter> page) throws IOException {
        String refused = refusal("report", file, force);
        if (refused != null) {
            throw new IOException(refused.substring("report: ".length()));
        }
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".part");
        try {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8))) {
                page.accept(w);
                w.flush();
                if (w.checkError()) {
                    throw new IOException("the page could not be written in full (disk full?)");
                }
            }
            if (Files.getFileAttributeView(temp, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static String version() {
        String v = HtmlReportFile.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
