// joinload: a Go program whose strace log and Go execution trace, recorded
// together by `preemptscope capture --gotrace-env PREEMPTSCOPE_TRACE`, exercise
// the join of the kernel's view of preemption with the scheduler's.
//
// Usage: PREEMPTSCOPE_TRACE=FILE joinload spin|mixed PROCS MILLIS
//
//	spin   PROCS+1 goroutines run call-free loops on GOMAXPROCS(PROCS) for
//	       MILLIS ms: sysmon must preempt them asynchronously (SIGURG) to share
//	       the Ps, so the trace has many GoPreempt events in runtime.asyncPreempt.
//	mixed  the same spinners, plus a goroutine doing small file writes and
//	       getppid calls, and a TCP echo client/server pair on loopback: CPU,
//	       syscalls and the network poller at once.
//
// The trace path comes from the environment so that capture can set it.
package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"runtime"
	"runtime/trace"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var (
	stop uint32
	sink uint64
)

// spin runs LCG steps with no call in the inner loop (about a millisecond of
// it), so a preemption request lands there nearly always and only a signal
// can take the P at once. Between rounds it calls check, whose prologue is a
// cooperative preemption point: with GODEBUG=asyncpreemptoff=1 sysmon's
// request is honoured there, so the program still ends.
//
//go:noinline
func spin(seed uint64) {
	x := seed
	for {
		for i := 0; i < 1<<20; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
		if check(x) {
			return
		}
	}
}

// check calls stopped so that it is no leaf: a leaf with a small frame gets
// no stack-check prologue, hence no preemption point.
//
//go:noinline
func check(x uint64) bool {
	if stopped() {
		atomic.AddUint64(&sink, x)
		return true
	}
	return false
}

//go:noinline
func stopped() bool {
	return atomic.LoadUint32(&stop) != 0
}

func syscalls(dir string, counts *[2]int) {
	f, err := os.CreateTemp(dir, "joinload-*")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	buf := make([]byte, 512)
	for atomic.LoadUint32(&stop) == 0 {
		for i := 0; i < 20; i++ {
			syscall.Getppid()
			counts[0]++
		}
		if _, err := f.Write(buf); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		counts[1]++
		time.Sleep(200 * time.Microsecond)
	}
}

func echo(trips *int) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		r := bufio.NewReader(c)
		for {
			line, err := r.ReadBytes('\n')
			if err != nil {
				return
			}
			if _, err := c.Write(line); err != nil {
				return
			}
		}
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer c.Close()
	r := bufio.NewReader(c)
	for atomic.LoadUint32(&stop) == 0 {
		if _, err := c.Write([]byte("ping\n")); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if _, err := r.ReadBytes('\n'); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		*trips++
		time.Sleep(time.Millisecond)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: PREEMPTSCOPE_TRACE=FILE joinload spin|mixed PROCS MILLIS")
	os.Exit(2)
}

func main() {
	if len(os.Args) != 4 || (os.Args[1] != "spin" && os.Args[1] != "mixed") {
		usage()
	}
	procs, err1 := strconv.Atoi(os.Args[2])
	millis, err2 := strconv.Atoi(os.Args[3])
	path := os.Getenv("PREEMPTSCOPE_TRACE")
	if err1 != nil || err2 != nil || procs < 1 || millis < 1 || path == "" {
		usage()
	}
	runtime.GOMAXPROCS(procs)
	f, err := os.Create(path)
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
	for i := 0; i <= procs; i++ {
		wg.Add(1)
		go func(seed uint64) { defer wg.Done(); spin(seed) }(uint64(i + 1))
	}
	var counts [2]int
	trips := 0
	if os.Args[1] == "mixed" {
		wg.Add(2)
		go func() { defer wg.Done(); syscalls(os.TempDir(), &counts) }()
		go func() { defer wg.Done(); echo(&trips) }()
	}
	time.Sleep(time.Duration(millis) * time.Millisecond)
	atomic.StoreUint32(&stop, 1)
	wg.Wait()
	elapsed := time.Since(start)
	trace.Stop()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("mode=%s GOMAXPROCS=%d spinners=%d getppid=%d writes=%d round-trips=%d elapsed=%s\n",
		os.Args[1], procs, procs+1, counts[0], counts[1], trips, elapsed.Round(time.Millisecond))
}
