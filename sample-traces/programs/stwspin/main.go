// stwspin: write a Go execution trace (runtime/trace) of a stop-the-world that
// has to wait for a call-free loop.
//
// GOMAXPROCS(2). One goroutine runs a call-free LCG loop (main.burn, not
// inlined; about 0.1 s by default) on one P. Main, on the other P, sleeps
// 10 ms so the loop is surely running, then calls runtime.GC(), whose sweep
// termination stops the world. By default the runtime's SIGURG stops the loop
// at once (async preemption); with GODEBUG=asyncpreemptoff=1 nothing can stop
// it before its next function call, so the world waits for the rest of the
// loop: the spinner is the stop's straggler.
//
// Usage: stwspin TRACEFILE [iterations]
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/trace"
	"strconv"
	"sync/atomic"
	"time"
)

var sink uint64

// burn runs n LCG steps. No calls in the loop body: no stack-check prologue,
// hence no cooperative preemption point.
//
//go:noinline
func burn(n uint64) {
	x := n
	for i := uint64(0); i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	atomic.AddUint64(&sink, x)
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: stwspin TRACEFILE [iterations]")
		os.Exit(2)
	}
	n := uint64(100_000_000)
	if len(os.Args) > 2 {
		v, err := strconv.ParseUint(os.Args[2], 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "usage: stwspin TRACEFILE [iterations]")
			os.Exit(2)
		}
		n = v
	}
	runtime.GOMAXPROCS(2)
	f, err := os.Create(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := trace.Start(f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("go=%s GOMAXPROCS=%d GODEBUG=%q trace=%s\n", runtime.Version(), runtime.GOMAXPROCS(0), os.Getenv("GODEBUG"), os.Args[1])

	done := make(chan time.Duration)
	go func() {
		t := time.Now()
		burn(n)
		done <- time.Since(t)
	}()
	time.Sleep(10 * time.Millisecond)
	t := time.Now()
	runtime.GC()
	gc := time.Since(t)
	spun := <-done
	trace.Stop()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("iterations: %d spinner ran: %s runtime.GC took: %s\n", n, spun.Round(time.Microsecond), gc.Round(time.Microsecond))
}
