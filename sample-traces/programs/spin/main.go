// spin: show that a call-free loop can only be interrupted by *asynchronous*
// preemption (SIGURG, Go >= 1.14).
//
// With GOMAXPROCS(1) there is a single P. Two goroutines run a tight LCG loop
// that contains no function calls, so the compiler emits no stack-check
// prologue inside the loop and there is no cooperative preemption point.
// The main goroutine wants to wake every 5 ms. By default sysmon notices a
// goroutine running > 10 ms and sends SIGURG (tgkill) to its thread; the
// signal handler injects a call to asyncPreempt, main gets the P and counts a
// tick. With GODEBUG=asyncpreemptoff=1 nothing can take the P away, so main
// only runs again after both spinners finish: (almost) no ticks.
//
// Usage: spin [iterations-per-spinner]
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"
)

var (
	done uint32 // number of finished spinners
	sink uint64 // keeps the loop result observable
)

// lcg runs n steps of a 64-bit LCG. The loop body is pure arithmetic: no calls,
// hence no preemption check.
func lcg(n uint64) {
	x := n
	for i := uint64(0); i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	atomic.AddUint64(&sink, x)
	atomic.AddUint32(&done, 1)
}

func main() {
	runtime.GOMAXPROCS(1)    // one P: the spinners and main compete for it
	n := uint64(500_000_000) // ~1 s for both spinners on this machine
	if len(os.Args) > 1 {
		v, err := strconv.ParseUint(os.Args[1], 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "usage: spin [iterations]")
			os.Exit(2)
		}
		n = v
	}
	start := time.Now()
	go lcg(n)
	go lcg(n)

	// Tick every 5 ms until both spinners are done, at most ~3 s.
	ticks := 0
	for time.Since(start) < 3*time.Second && atomic.LoadUint32(&done) < 2 {
		time.Sleep(5 * time.Millisecond)
		ticks++
	}
	fmt.Printf("spin: iters=%d ticks=%d elapsed=%s done=%d\n",
		n, ticks, time.Since(start).Round(time.Millisecond), atomic.LoadUint32(&done))
}
