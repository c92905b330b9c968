// gotrace-busy: a deliberately busy Go program that writes a large Go execution
// trace (runtime/trace) for bench/gotrace-bench.sh.
//
// It runs, until the trace file has reached MINBYTES: channel ping-pong pairs
// (GoBlockRecv/GoUnblock/GoStart), short-lived goroutines (GoCreate/GoEnd),
// timer sleeps (GoSleep), mutex contention (GoBlockSync), small allocations
// (heap and GC events) and a few call-free spinners that sysmon has to preempt
// (GoPreempt). GOMAXPROCS is left at its default.
//
// Usage: gotrace-busy TRACEFILE MINBYTES
package main

import (
	"fmt"
	"os"
	"runtime/trace"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

var (
	stop int32
	sink uint64
)

func pingPong() {
	a, b := make(chan int), make(chan int)
	go func() {
		for v := range a {
			b <- v + 1
		}
		close(b)
	}()
	for i := 0; atomic.LoadInt32(&stop) == 0; i++ {
		a <- i
		<-b
	}
	close(a)
}

func spawner() {
	var wg sync.WaitGroup
	for atomic.LoadInt32(&stop) == 0 {
		for i := 0; i < 64; i++ {
			wg.Add(1)
			go func(i int) {
				buf := make([]byte, 256+i)
				atomic.AddUint64(&sink, uint64(len(buf)))
				wg.Done()
			}(i)
		}
		wg.Wait()
	}
}

func sleeper() {
	for atomic.LoadInt32(&stop) == 0 {
		time.Sleep(50 * time.Microsecond)
	}
}

func contender(mu *sync.Mutex, shared *uint64) {
	for atomic.LoadInt32(&stop) == 0 {
		mu.Lock()
		*shared++
		mu.Unlock()
	}
}

//go:noinline
func spin() {
	x := uint64(1)
	for atomic.LoadInt32(&stop) == 0 {
		for i := 0; i < 50_000_000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
	}
	atomic.AddUint64(&sink, x)
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gotrace-busy TRACEFILE MINBYTES")
		os.Exit(2)
	}
	minBytes, err := strconv.ParseInt(os.Args[2], 10, 64)
	if err != nil {
		fmt.Fprintln(os.Stderr, "MINBYTES:", err)
		os.Exit(2)
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
	start := time.Now()
	var wg sync.WaitGroup
	run := func(fn func()) {
		wg.Add(1)
		go func() { defer wg.Done(); fn() }()
	}
	for i := 0; i < 4; i++ {
		run(pingPong)
	}
	run(spawner)
	for i := 0; i < 8; i++ {
		run(sleeper)
	}
	var mu sync.Mutex
	var shared uint64
	for i := 0; i < 4; i++ {
		run(func() { contender(&mu, &shared) })
	}
	run(spin)
	for {
		time.Sleep(100 * time.Millisecond)
		st, err := f.Stat()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		// Stop a little early: trace.Stop flushes what is still buffered.
		if st.Size() >= minBytes || time.Since(start) > 10*time.Minute {
			break
		}
	}
	atomic.StoreInt32(&stop, 1)
	wg.Wait()
	trace.Stop()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	st, _ := os.Stat(os.Args[1])
	fmt.Printf("gotrace-busy: %d bytes in %s\n", st.Size(), time.Since(start).Round(time.Millisecond))
}
