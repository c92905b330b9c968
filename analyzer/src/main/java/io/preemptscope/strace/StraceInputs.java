package io.preemptscope.strace;

import io.preemptscope.input.InputException;
import io.preemptscope.input.InputSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Expands what the user named into the inputs to read: a file (regular, a FIFO or a pipe) or
 * standard input as it is; a directory of -ff files; or an -ff prefix ({@code ff/trace} for
 * {@code ff/trace.12084}, {@code ff/trace.12085}, ...).
 */
public final class StraceInputs {
    private static final Pattern PER_THREAD = Pattern.compile(".*\\.(\\d{1,9})");

    private StraceInputs() {}

    /** One input to read, with the thread its name gives (an -ff file) or -1. */
    public record InputFile(InputSource source, String displayName, int tid) {}

    /** The files named, each as it is (sources already opened to tell their kind are read on, not reopened). */
    public static List<InputFile> expand(List<InputSource> named) throws StraceInputException {
        List<InputFile> files = new ArrayList<>();
        for (InputSource source : named) {
            Optional<Path> path = source.path();
            if (path.isEmpty()) {
                files.add(new InputFile(source, source.name(), -1));
                continue;
            }
            Path p = path.get();
            if (Files.isDirectory(p)) {
                List<InputFile> perThread = perThreadFiles(p, null);
                if (perThread.isEmpty()) {
                    throw new StraceInputException(p + ": directory holds no -ff files (NAME.TID)");
                }
                files.addAll(perThread);
            } else if (Files.exists(p)) {
                files.add(new InputFile(source, source.name(), -1));
            } else {
                files.addAll(prefixed(p));
            }
        }
        for (InputFile f : files) {
            Optional<Path> path = f.source().path();
            if (path.isPresent() && !Files.isReadable(path.get())) {
                throw new StraceInputException(f.displayName() + ": cannot be read: permission denied");
            }
        }
        return files;
    }

    /** The thread an -ff file name gives, or -1. */
    public static int tidFromName(Path file) {
        Matcher m = PER_THREAD.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The -ff files of a prefix, or why a path that names nothing cannot be read. */
    private static List<InputFile> prefixed(Path p) throws StraceInputException {
        Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
        List<InputFile> perThread = p.getFileName() != null && Files.isDirectory(dir)
                ? perThreadFiles(dir, p.getFileName().toString()) : List.of();
        if (!perThread.isEmpty()) {
            return perThread;
        }
        try {
            Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException missing) {
            throw new StraceInputException(p + ": no such file, directory or -ff prefix");
        } catch (IOException e) {
            // e.g. a path through a file ("not a directory") or a directory it may not enter
            throw new StraceInputException(p + ": cannot be read: " + InputException.reason(e), e);
        }
        throw new StraceInputException(p + ": no such file, directory or -ff prefix");
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
                    .map(f -> new InputFile(InputSource.of(f), f.toString(), tidFromName(f)))
                    .toList();
        } catch (IOException e) {
            throw listingFailed(dir, e);
        }
    }

    /** {@code DIR: cannot list directory: REASON}, the reason in the operating system's words. */
    static StraceInputException listingFailed(Path dir, IOException e) {
        return new StraceInputException(dir + ": cannot list directory: " + InputException.reason(e), e);
    }
}
