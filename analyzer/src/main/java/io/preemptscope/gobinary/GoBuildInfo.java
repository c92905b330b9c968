package io.preemptscope.gobinary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Go build information embedded in a Go executable: the Go version it was built with and its
 * build settings, read the way {@code go version -m} reads them.
 *
 * <p>The data starts with the 14 bytes {@code \xff Go buildinf:} on a 16-byte boundary, followed by
 * the pointer size and a flags byte. Go 1.18+ stores the version and module strings inline as
 * varint-prefixed bytes (flag 0x2); older releases store two pointers to Go string headers, which
 * are resolved through the ELF program headers.
 *
 * @param goVersion e.g. "go1.19.8"
 * @param path the main package path of the module info ("sample/spin"; "pkg.test" for test binaries of
 *     newer Go), or "" when the binary has no module info (Go 1.19's {@code go test -c} binaries)
 * @param settings build settings from the module info ("-compiler", "CGO_ENABLED", "GOARCH", ...)
 */
public record GoBuildInfo(String goVersion, String path, Map<String, String> settings) {
    private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final long MAX_SCAN = 512L << 20;

    /** The build info of an executable, or empty when it is not a Go binary (or not readable). */
    public static Optional<GoBuildInfo> read(Path executable) {
        try (FileChannel ch = FileChannel.open(executable, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_SCAN) {
                return Optional.empty();
            }
            ByteBuffer file = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            file.order(ByteOrder.LITTLE_ENDIAN);
            long at = find(file);
            if (at < 0 || at + 32 > size) {
                return Optional.empty();
            }
            int ptrSize = file.get((int) at + 14);
            int flags = file.get((int) at + 15);
            String version;
            String modinfo;
            if ((flags & 0x2) != 0) {
                int[] pos = {(int) at + 32};
                version = varintString(file, pos);
                modinfo = varintString(file, pos);
            } else {
                ElfImage elf = ElfImage.of(file);
                version = elf.goString(file, pointer(file, (int) at + 16, ptrSize), ptrSize);
                modinfo = elf.goString(file, pointer(file, (int) at + 16 + ptrSize, ptrSize), ptrSize);
            }
            if (version == null || !version.startsWith("go")) {
                return Optional.empty();
            }
            return Optional.of(new GoBuildInfo(version, mainPath(modinfo), settings(modinfo)));
        } catch (IOException | RuntimeException unreadable) {
            // not a readable Go executable: the caller falls back to other evidence
            return Optional.empty();
        }
    }

    private static long find(ByteBuffer file) {
        for (int i = 0; i + MAGIC.length <= file.limit(); i += 16) {
            boolean match = true;
            for (int j = 0; j < MAGIC.length && match; j++) {
                match = file.get(i + j) == MAGIC[j];
            }
            if (match) {
                return i;
            }
        }
        return -1;
    }

    private static long pointer(ByteBuffer file, int at, int ptrSize) {
        return ptrSize == 8 ? file.getLong(at) : Integer.toUnsignedLong(file.getInt(at));
    }

    private static String varintString(ByteBuffer file, int[] pos) {
        long length = 0;
        int shift = 0;
        while (true) {
            if (pos[0] >= file.limit() || shift > 35) {
                return null;
            }
            int b = file.get(pos[0]++) & 0xff;
            length |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                break;
            }
            shift += 7;
        }
        if (length < 0 || pos[0] + length > file.limit()) {
            return null;
        }
        byte[] bytes = new byte[(int) length];
        file.get(pos[0], bytes);
        pos[0] += (int) length;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The "path" line of the module info: {@code path\tPKG}, its first line, after the 16-byte
     * sentinel the linker wraps the module info in.
     */
    private static String mainPath(String modinfo) {
        if (modinfo == null) {
            return "";
        }
        int at = modinfo.indexOf("path\t");
        int firstNewline = modinfo.indexOf('\n');
        if (at < 0 || (firstNewline >= 0 && at > firstNewline)) {
            return "";
        }
        int end = modinfo.indexOf('\n', at);
        return modinfo.substring(at + "path\t".length(), end < 0 ? modinfo.length() : end);
    }

    /** The "build" lines of the module info: {@code build\tKEY=VALUE}. */
    private static Map<String, String> settings(String modinfo) {
        Map<String, String> out = new LinkedHashMap<>();
        if (modinfo == null) {
            return out;
        }
        for (String line : modinfo.split("\n")) {
            if (line.startsWith("build\t")) {
                String kv = line.substring("build\t".length());
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return out;
    }
}
