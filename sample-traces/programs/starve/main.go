// starve: write a Go execution trace (runtime/trace) of call-free loops
// competing for a given number of Ps.
//
// GOMAXPROCS(procs). Each of the spinner goroutines runs a call-free LCG loop
// (main.burn, not inlined; about 0.1 s by default) while main waits for them
// on a sync.WaitGroup (blocked, not runnable). With more spinners than Ps and
// GODEBUG=asyncpreemptoff=1 a spinner stands runnable while every P runs
// another one: only async preemption would let it take turns. With as many
// Ps as spinners, a P stays free and no goroutine waits for one.
//
// Usage: starve TRACEFILE procs spinners [iterations]
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/trace"
	"strconv"
	"sync"
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

func usage() {
	fmt.Fprintln(os.Stderr, "usage: starve TRACEFILE procs spinners [iterations]")
	os.Exit(2)
}

func main() {
	if len(os.Args) < 4 {
		usage()
	}
	procs, err1 := strconv.Atoi(os.Args[2])
	spinners, err2 := strconv.Atoi(os.Args[3])
	if err1 != nil || err2 != nil || procs < 1 || spinners < 1 {
		usage()
	}
	n := uint64(100_000_000)
	if len(os.Args) > 4 {
		v, err := strconv.ParseUint(os.Args[4], 10, 64)
		if err != nil {
			usage()
		}
		n = v
	}
	runtime.GOMAXPROCS(procs)
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

	start := time.Now()
	ran := make([]time.Duration, spinners)
	var wg sync.WaitGroup
	for i := 0; i < spinners; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			burn(n)
			ran[i] = time.Since(start)
		}(i)
	}
	wg.Wait()
	trace.Stop()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for i := range ran {
		ran[i] = ran[i].Round(time.Millisecond)
	}
	fmt.Printf("iterations: %d spinners done after: %v\n", n, ran)
}
