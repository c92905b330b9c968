package io.preemptscope.gotrace.v2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Go native-fuzzing seed files: "go test fuzz v1" then one []byte("...") literal. */
final class FuzzSeeds {
    private FuzzSeeds() {}

    static byte[] bytesOf(Path seed) throws IOException {
        String text = Files.readString(seed).strip();
        String[] lines = text.split("\n", 2);
        if (!lines[0].equals("go test fuzz v1") || !lines[1].startsWith("[]byte(") || !lines[1].endsWith(")")) {
            throw new IllegalArgumentException("not a go fuzz seed: " + seed);
        }
        byte[] b = GoQuote.unquote(lines[1].substring("[]byte(".length(), lines[1].length() - 1));
        if (b == null) {
            throw new IllegalArgumentException("bad literal in " + seed);
        }
        return b;
    }
}
