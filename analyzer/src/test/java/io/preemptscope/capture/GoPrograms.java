package io.preemptscope.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tiny Go programs built once per test run with Go 1.19. Go is required: CI installs it
 * (.ci/run), and a capture test that skipped silently would prove nothing.
 */
final class GoPrograms {
    static final Path GO = Path.of(System.getProperty("preemptscope.go", "/usr/lib/go-1.19/bin/go"));

    /**
     * spin N: GOMAXPROCS(1), two goroutines run N steps of a call-free LCG loop (no preemption point
     * inside), main ticks on a 5 ms timer until both finish. Only async preemption lets main tick.
     */
    private static final String SPIN = """
            package main

            import (
            	"fmt"
            	"os"
            	"runtime"
            	"strconv"
            	"sync/atomic"
            	"time"
            )

            var done uint32
            var sink uint64

            func lcg(n uint64) {
            	x := n
            	for i := uint64(0); i < n; i++ {
            		x = x*6364136223846793005 + 1442695040888963407
            	}
            	atomic.AddUint64(&sink, x)
            	atomic.AddUint32(&done, 1)
            }

            func main() {
            	runtime.GOMAXPROCS(1)
            	n, _ := strconv.ParseUint(os.Args[1], 10, 64)
            	go lcg(n)
            	go lcg(n)
            	ticks := 0
            	for atomic.LoadUint32(&done) < 2 {
            		time.Sleep(5 * time.Millisecond)
            		ticks++
            	}
            	fmt.Printf("spin: ticks=%d\\n", ticks)
            }
            """;

    /** Writes to both streams and exits 3: what capture must pass through unchanged. */
    private static final String OUTERR = """
            package main

            import (
            	"fmt"
            	"os"
            )

            func main() {
            	fmt.Fprint(os.Stdout, "to stdout\\n")
            	fmt.Fprint(os.Stderr, "to stderr\\n")
            	os.Exit(3)
            }
            """;

    /** A test binary (go test -c), which takes -test.trace. */
    private static final String SPIN_TEST = """
            package spintest

            import "testing"

            var sink uint64

            func TestSpin(t *testing.T) {
            	x := uint64(1)
            	for i := 0; i < 20000000; i++ {
            		x = x*6364136223846793005 + 1442695040888963407
            	}
            	sink = x
            }
            """;

    private static Path dir;

    private GoPrograms() {}

    static synchronized Path spin() {
        return built().resolve("spin");
    }

    static synchronized Path outerr() {
        return built().resolve("outerr");
    }

    static synchronized Path spinTest() {
        return built().resolve("spintest.test");
    }

    private static Path built() {
        if (dir != null) {
            return dir;
        }
        if (!Files.isExecutable(GO)) {
            throw new AssertionError("Go 1.19 is needed at " + GO + " to build the capture test programs:"
                    + " apt-get install -y golang-1.19-go (.ci/run installs it)");
        }
        try {
            Path d = Files.createTempDirectory("preemptscope-capture-go");
            build(d, "spin", "main.go", SPIN, List.of("build", "-o", d.resolve("spin").toString(), "."));
            build(d, "outerr", "main.go", OUTERR, List.of("build", "-o", d.resolve("outerr").toString(), "."));
            build(d, "spintest", "spin_test.go", SPIN_TEST,
                    List.of("test", "-c", "-o", d.resolve("spintest.test").toString(), "."));
            dir = d;
            return d;
        } catch (IOException e) {
            throw new AssertionError("building the Go test programs failed: " + e.getMessage(), e);
        }
    }

    private static void build(Path root, String name, String file, String source, List<String> goArgs)
            throws IOException {
        Path src = Files.createDirectories(root.resolve("src").resolve(name));
        Files.writeString(src.resolve("go.mod"), "module capturetest/" + name + "\n\ngo 1.19\n");
        Files.writeString(src.resolve(file), source);
        List<String> argv = new java.util.ArrayList<>(List.of(GO.toString()));
        argv.addAll(goArgs);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(src.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        // a cache inside target/ keeps rebuilds fast; HOME may be unset in CI
        env.put("GOCACHE", Path.of("target", "go-build-cache").toAbsolutePath().toString());
        env.put("GOPATH", root.resolve("gopath").toString());
        env.put("GO111MODULE", "on");
        env.put("GOFLAGS", "");
        env.put("CGO_ENABLED", "0");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("go " + String.join(" ", goArgs) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while building " + name);
        }
    }
}
