// asmspin: a goroutine that async preemption cannot stop.
//
// With GOMAXPROCS(1), one goroutine counts down in an assembly function. Go
// (1.14+) preempts asynchronously only at an async safe point, and assembly
// functions have none: sysmon sends SIGURG on every one of its rounds, the
// handler finds the PC unsafe and returns, and the loop goes on. The main
// goroutine wants to wake every 5 ms but gets the P only when the countdown
// ends, so it prints about 2 ticks for a whole second. In strace: a tgkill to
// the same thread on every sysmon round (10 ms), where a preemptible loop gets
// one every other round (20 ms).
//
// Usage: asmspin [countdown]
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"
)

// spinAsm counts n down to zero (spin_amd64.s).
func spinAsm(n uint64) uint64

func main() {
	runtime.GOMAXPROCS(1)
	n := uint64(4_000_000_000)
	if len(os.Args) > 1 {
		v, err := strconv.ParseUint(os.Args[1], 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "usage: asmspin [countdown]")
			os.Exit(2)
		}
		n = v
	}
	start := time.Now()
	done := make(chan uint64)
	go func() { done <- spinAsm(n) }()
	ticks := 0
	for {
		select {
		case <-done:
			fmt.Printf("asmspin: ticks=%d elapsed=%.3fs\n", ticks, time.Since(start).Seconds())
			return
		default:
			time.Sleep(5 * time.Millisecond)
			ticks++
		}
	}
}
