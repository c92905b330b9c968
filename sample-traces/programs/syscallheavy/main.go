// syscallheavy: the capture-overhead benchmark's program (bench/capture-overhead.sh). Two
// goroutines spin in call-free loops (async preemption is the only way to stop them) while main
// makes GETPPID getppid calls and WRITES 64-byte writes to /dev/null, the kind of syscall traffic
// a tracer pays for. It prints its own wall time from the start of main, so the tracer's start-up
// and shut-down do not count against it.
//
// Usage: syscallheavy [GETPPID [WRITES [SPIN]]]   (defaults 100000 20000 30000000)
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var sink uint64

func lcg(n uint64, wg *sync.WaitGroup) {
	defer wg.Done()
	x := n
	for i := uint64(0); i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	atomic.AddUint64(&sink, x)
}

func arg(i int, def uint64) uint64 {
	if len(os.Args) <= i {
		return def
	}
	v, err := strconv.ParseUint(os.Args[i], 10, 64)
	if err != nil {
		fmt.Fprintf(os.Stderr, "syscallheavy: argument %d: %v\n", i, err)
		os.Exit(2)
	}
	return v
}

func main() {
	start := time.Now()
	getppids, writes, spin := arg(1, 100000), arg(2, 20000), arg(3, 30000000)
	var wg sync.WaitGroup
	wg.Add(2)
	go lcg(spin, &wg)
	go lcg(spin, &wg)
	for i := uint64(0); i < getppids; i++ {
		syscall.Getppid()
	}
	null, err := os.OpenFile("/dev/null", os.O_WRONLY, 0)
	if err != nil {
		fmt.Fprintln(os.Stderr, "syscallheavy:", err)
		os.Exit(1)
	}
	buf := make([]byte, 64)
	for i := uint64(0); i < writes; i++ {
		if _, err := null.Write(buf); err != nil {
			fmt.Fprintln(os.Stderr, "syscallheavy:", err)
			os.Exit(1)
		}
	}
	null.Close()
	wg.Wait()
	fmt.Printf("syscallheavy: getppid=%d writes=%d elapsed_ns=%d\n", getppids, writes, time.Since(start).Nanoseconds())
}
