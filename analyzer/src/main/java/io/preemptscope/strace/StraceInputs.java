package io.preemptscope.strace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Expands what the user named into the files to read: a file as it is; a directory of -ff
 * files; or an -ff prefix ({@code ff/trace} for {@code ff/trace.12084}, {@code ff/trace.12085}, ...).
 */
public final class StraceInputs {
    private static final Pattern PER_THREAD = Pattern.compile(".*\\.(\\d{1,9})");

    private StraceInputs() {}

    /** One file to read, with the thread its name gives (an -ff file) or -1. */
    public record InputFile(Path path, String displayName, int tid) {}

    public static List<InputFile> expand(List<Path> named) throws StraceInputException {
        List<InputFile> files = new ArrayList<>();
        for (Path p : named) {
            if (Files.isDirectory(p)) {
                List<InputFile> perThread = perThreadFiles(p, null);
                if (perThread.isEmpty()) {
                    throw new StraceInputException(p + ": directory holds no -ff files (NAME.TID)");
                }
                files.addAll(perThread);
            } else if (Files.isRegularFile(p)) {
                files.add(new InputFile(p, p.toString(), -1));
            } else if (p.getParent() == null || Files.isDirectory(p.getParent()) || !p.toString().contains("/")) {
                Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
                List<InputFile> perThread = Files.isDirectory(dir)
                        ? perThreadFiles(dir, p.getFileName().toString()) : List.of();
                if (perThread.isEmpty()) {
                    throw new StraceInputException(p + ": no such file, directory or -ff prefix");
                }
                files.addAll(perThread);
            } else {
                throw new StraceInputException(p + ": no such file, directory or -ff prefix");
            }
        }
        for (InputFile f : files) {
            if (!Files.isReadable(f.path())) {
                throw new StraceInputException(f.displayName() + ": cannot be read (permission denied)");
            }
        }
        return files;
    }

    /** The thread an -ff file name gives, or -1. */
    public static int tidFromName(Path file) {
        Matcher m = PER_THREAD.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static List<InputFile> perThreadFiles(Path dir, String prefix) throws StraceInputException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile)
                    .filter(f -> {
                        String name = f.getFileName().toString();
                        int dot = name.lastIndexOf('.');
                        return dot > 0 && tidFromName(f) > 0
                                && (prefix == null || name.substring(0, dot).equals(prefix));
                    })
                    .sorted(Comparator.comparing(Path::toString))
                    .map(f -> new InputFile(f, f.toString(), tidFromName(f)))
                    .toList();
        } catch (IOException e) {
            throw new StraceInputException(dir + ": cannot list directory: " + e.getMessage(), e);
        }
    }
}
