// pipeblock: a goroutine blocked in a raw read(2) on a pipe, next to a
// call-free spinner and a main goroutine that writes, spins and allocates.
//
// syscall.Pipe fds are blocking and are NOT registered with the netpoller, so
// the reader's thread really sits inside read(2) (the runtime hands its P off
// to another M). Signals that hit that thread while it is in read(2) show up
// in strace as "read(...) = ? ERESTARTSYS"; Go installs its handlers with
// SA_RESTART, so the kernel restarts the read and user code normally never
// sees EINTR -- the program still retries on EINTR and counts it.
// GOMAXPROCS(2): the spinner keeps one P busy without preemption points, main
// uses the other; async preemption (SIGURG) is what lets the woken reader,
// and the GC's stop-the-world, get a P.
//
// Usage: pipeblock [rounds] [spinner-iterations] [alloc-KiB-per-round]
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
	sink    uint64
	garbage [][]byte // some live heap so that GC has work to do
)

// spin: call-free LCG loop (no cooperative preemption point inside).
func spin(n uint64, done chan<- struct{}) {
	x := n
	for i := uint64(0); i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	atomic.AddUint64(&sink, x)
	close(done)
}

func arg(i int, def uint64) uint64 {
	if len(os.Args) > i {
		if v, err := strconv.ParseUint(os.Args[i], 10, 64); err == nil {
			return v
		}
		fmt.Fprintln(os.Stderr, "usage: pipeblock [rounds] [spinner-iterations] [alloc-KiB-per-round]")
		os.Exit(2)
	}
	return def
}

func main() {
	runtime.GOMAXPROCS(2)
	rounds := int(arg(1, 40))
	spinN := arg(2, 600_000_000)
	allocKB := int(arg(3, 512))

	var fds [2]int
	if err := syscall.Pipe(fds[:]); err != nil { // blocking fds, no netpoller
		panic(err)
	}

	var got, eintr int64
	readerDone := make(chan struct{})
	go func() {
		buf := make([]byte, 64)
		for {
			n, err := syscall.Read(fds[0], buf) // blocks in read(2)
			if err == syscall.EINTR {
				atomic.AddInt64(&eintr, 1) // only if a signal without SA_RESTART arrived
				continue
			}
			if err != nil || n == 0 {
				break // EOF after main closes the write end
			}
			atomic.AddInt64(&got, int64(n))
		}
		close(readerDone)
	}()

	spinDone := make(chan struct{})
	go spin(spinN, spinDone)

	start := time.Now()
	msg := []byte("ping\n")
	for r := 0; r < rounds; r++ {
		if _, err := syscall.Write(fds[1], msg); err != nil {
			panic(err)
		}
		// Allocate a little per round (a GC cycle every few rounds), then
		// busy-wait ~10 ms. time.Since is a call, so main itself stays
		// cooperatively preemptible; only the spinner is call-free.
		b := make([]byte, allocKB<<10)
		b[0] = byte(r)
		garbage = append(garbage, b)
		if len(garbage) > 8 {
			garbage = garbage[:0]
		}
		t := time.Now()
		for time.Since(t) < 10*time.Millisecond {
		}
	}
	syscall.Close(fds[1])
	<-readerDone
	<-spinDone
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("pipeblock: rounds=%d bytes=%d eintr=%d gc=%d elapsed=%s\n",
		rounds, atomic.LoadInt64(&got), atomic.LoadInt64(&eintr), ms.NumGC,
		time.Since(start).Round(time.Millisecond))
}
