// stwload: write a Go execution trace (runtime/trace) of stops of the world
// on a machine whose CPU the program has to share.
//
// GOMAXPROCS(2). Main builds a linked list of pointer-holding nodes (100 000 by
// default) that stays live, starts a goroutine in a call-free loop (main.burn,
// not inlined) so that every stop has a running goroutine to stop, and calls
// runtime.GC() a number of times (10 by default). The capture script runs it
// pinned to one CPU beside two busy loops, so its threads wait for that CPU at
// random points: some stops wait for the thread of the spinner's P, others
// stop at once and then wait for the thread doing the stop's own work.
//
// Usage: stwload TRACEFILE [nodes [gcs]]
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

type node struct {
	next *node
	v    [2]uint64
}

var (
	sink uint64
	stop uint32
)

// burn runs LCG steps until stop is set. No calls in the loop body.
//
//go:noinline
func burn() {
	x := uint64(1)
	for atomic.LoadUint32(&stop) == 0 {
		x = x*6364136223846793005 + 1442695040888963407
	}
	atomic.AddUint64(&sink, x)
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: stwload TRACEFILE [nodes [gcs]]")
	os.Exit(2)
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	n, gcs := 100_000, 10
	var err error
	if len(os.Args) > 2 {
		if n, err = strconv.Atoi(os.Args[2]); err != nil {
			usage()
		}
	}
	if len(os.Args) > 3 {
		if gcs, err = strconv.Atoi(os.Args[3]); err != nil {
			usage()
		}
	}
	runtime.GOMAXPROCS(2)
	var head *node
	for i := 0; i < n; i++ {
		head = &node{next: head, v: [2]uint64{uint64(i), 0}}
	}
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

	done := make(chan struct{})
	go func() {
		burn()
		close(done)
	}()
	time.Sleep(10 * time.Millisecond)
	took := make([]time.Duration, gcs)
	for i := range took {
		t := time.Now()
		runtime.GC()
		took[i] = time.Since(t).Round(time.Microsecond)
	}
	atomic.StoreUint32(&stop, 1)
	<-done
	trace.Stop()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	runtime.KeepAlive(head)
	fmt.Printf("nodes: %d runtime.GC took: %v\n", n, took)
}
