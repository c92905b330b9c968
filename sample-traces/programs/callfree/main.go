// callfree: a change that turns a loop with a call into a call-free loop, the
// regression no-regression must catch. It runs with GODEBUG=asyncpreemptoff=1,
// as services do that turned async preemption off (for EINTR from their
// syscalls, say), so only cooperative preemption stops a goroutine.
//
// With GOMAXPROCS(1) a worker goroutine runs an LCG loop while main wants to
// wake every 5 ms. "before": each step calls step(), which the compiler keeps
// as a call (go:noinline); its prologue checks the stack guard, which sysmon
// poisons after 10 ms, so the worker yields and main ticks. "after": the step
// is written out in the loop, the loop has no call and no preemption point, and main
// waits until the worker is done. main makes one syscall per tick, so strace
// alone tells the two apart.
//
// Usage: callfree before|after [iterations]
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"
)

var (
	done uint32
	sink uint64
)

// step is not a leaf (it calls mix), so the compiler gives it the stack-guard
// prologue that cooperative preemption needs; a small leaf function would be
// nosplit and check nothing.
//
//go:noinline
func step(x uint64) uint64 {
	return mix(x) + 1442695040888963407
}

//go:noinline
func mix(x uint64) uint64 {
	return x * 6364136223846793005
}

func withCall(n uint64) {
	x := n
	for i := uint64(0); i < n; i++ {
		x = step(x)
	}
	atomic.AddUint64(&sink, x)
	atomic.StoreUint32(&done, 1)
}

func callFree(n uint64) {
	x := n
	for i := uint64(0); i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	atomic.AddUint64(&sink, x)
	atomic.StoreUint32(&done, 1)
}

func main() {
	runtime.GOMAXPROCS(1)
	if len(os.Args) < 2 || (os.Args[1] != "before" && os.Args[1] != "after") {
		fmt.Fprintln(os.Stderr, "usage: callfree before|after [iterations]")
		os.Exit(2)
	}
	n := uint64(400_000_000)
	if len(os.Args) > 2 {
		v, err := strconv.ParseUint(os.Args[2], 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "usage: callfree before|after [iterations]")
			os.Exit(2)
		}
		n = v
	}
	start := time.Now()
	if os.Args[1] == "before" {
		go withCall(n)
	} else {
		go callFree(n)
	}
	ticks := 0
	for time.Since(start) < 5*time.Second && atomic.LoadUint32(&done) == 0 {
		time.Sleep(5 * time.Millisecond)
		// one syscall per tick: strace sees the thread leave user code whenever
		// main gets the P, so a run without one is a run nobody else got into
		syscall.Getpid()
		ticks++
	}
	fmt.Printf("callfree: %s ticks=%d elapsed=%v\n", os.Args[1], ticks, time.Since(start).Round(time.Millisecond))
}
