// tracespin: write a Go execution trace (runtime/trace) of a call-free spinner
// competing for a single P with a main goroutine that wants to wake every 2 ms.
//
// GOMAXPROCS(1). One goroutine runs an LCG loop with no calls in it, so there is
// no cooperative preemption point inside the loop. By default sysmon preempts it
// asynchronously (SIGURG) after about 10-20 ms and the trace shows GoPreempt
// events whose stack starts in runtime.asyncPreempt. With
// GODEBUG=asyncpreemptoff=1 the spinner keeps the P until the loop ends: one
// long run slice and no async preemption.
//
// Usage: tracespin TRACEFILE [iterations]
//
//	The trace path can also come from the environment: PREEMPTSCOPE_TRACE=FILE
//	tracespin [iterations] (the argument wins when both are given).
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

var (
	done uint32
	sink uint64
)

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
	atomic.StoreUint32(&done, 1)
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: tracespin TRACEFILE [iterations]  (or PREEMPTSCOPE_TRACE=FILE tracespin [iterations])")
	os.Exit(2)
}

func main() {
	args := os.Args[1:]
	path := os.Getenv("PREEMPTSCOPE_TRACE")
	if len(args) > 0 {
		if _, err := strconv.ParseUint(args[0], 10, 64); err != nil || path == "" {
			path, args = args[0], args[1:]
		}
	}
	if path == "" {
		usage()
	}
	n := uint64(200_000_000) // about 0.2 s on the capture machine
	if len(args) > 0 {
		v, err := strconv.ParseUint(args[0], 10, 64)
		if err != nil {
			usage()
		}
		n = v
	}

	runtime.GOMAXPROCS(1)
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := trace.Start(f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("go=%s GOMAXPROCS=%d GODEBUG=%q trace=%s\n", runtime.Version(), runtime.GOMAXPROCS(0), os.Getenv("GODEBUG"), path)

	start := time.Now()
	go burn(n)
	var late []time.Duration
	for atomic.LoadUint32(&done) == 0 && time.Since(start) < 5*time.Second {
		t := time.Now()
		time.Sleep(2 * time.Millisecond)
		late = append(late, time.Since(t).Round(10*time.Microsecond))
	}
	elapsed := time.Since(start)
	trace.Stop()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("iterations: %d elapsed: %s sleeps: %d sleep(2ms) took: %v\n", n, elapsed.Round(time.Millisecond), len(late), late)
}
