package io.preemptscope.capture;

import io.preemptscope.gobinary.GoBuildInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * What capture knows about the program it runs: its Go build info (absent for non-Go programs) and
 * whether it is a test binary, which takes {@code -test.trace=FILE}.
 *
 * @param testBinary true for a {@code go test -c} binary
 */
public record GoTarget(Optional<GoBuildInfo> buildInfo, boolean testBinary) {
    /** The flag name the testing package registers; also found in test binaries without module info. */
    private static final byte[] TRACE_FLAG = "test.trace".getBytes(StandardCharsets.US_ASCII);
    private static final long MAX_SCAN = 512L << 20;

    public static GoTarget of(Path executable) {
        Optional<GoBuildInfo> info = GoBuildInfo.read(executable);
        return new GoTarget(info, info.isPresent() && isTestBinary(info.get(), executable));
    }

    /**
     * {@code go version -m} of a Go 1.19 {@code go test -c} binary shows the Go version and nothing
     * else: test binaries carry no module info, while {@code go build} in module mode always records
     * the path and build settings. Newer Go records a path ending in ".test". A GOPATH-mode build
     * also lacks module info, so the testing package's flag name must be in the binary too.
     */
    static boolean isTestBinary(GoBuildInfo info, Path executable) {
        boolean looksLikeTest = info.path().endsWith(".test") || (info.path().isEmpty() && info.settings().isEmpty());
        return looksLikeTest && contains(executable, TRACE_FLAG);
    }

    public Map<String, String> settings() {
        return buildInfo.map(GoBuildInfo::settings).orElse(Map.of());
    }

    private static boolean contains(Path file, byte[] needle) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > MAX_SCAN) {
                return false;
            }
            ByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            int last = b.limit() - needle.length;
            outer:
            for (int i = 0; i <= last; i++) {
                if (b.get(i) != needle[0]) {
                    continue;
                }
                for (int j = 1; j < needle.length; j++) {
                    if (b.get(i + j) != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
