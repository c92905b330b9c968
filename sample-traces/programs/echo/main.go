// echo: netpoller-driven TCP echo over loopback plus a call-free spinner.
//
// Server and client live in the same process and use only 127.0.0.1. Network
// fds are non-blocking and parked goroutines wait in the netpoller
// (epoll_pwait), unlike pipeblock's raw blocking read(2). GOMAXPROCS(2) with a
// spinner holding one P means all echo traffic must share the other P, and
// async preemption decides when the spinner gives its P up.
//
// Usage: echo [conns] [msgs-per-conn] [spinner-iterations]
package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

var sink uint64

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
		fmt.Fprintln(os.Stderr, "usage: echo [conns] [msgs] [spinner-iterations]")
		os.Exit(2)
	}
	return def
}

func main() {
	runtime.GOMAXPROCS(2)
	conns, msgs, spinN := int(arg(1, 8)), int(arg(2, 20)), arg(3, 600_000_000)

	ln, err := net.Listen("tcp", "127.0.0.1:0") // loopback only, ephemeral port
	if err != nil {
		panic(err)
	}
	go func() { // server: one goroutine per connection, echo lines back
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
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
			}(c)
		}
	}()

	spinDone := make(chan struct{})
	go spin(spinN, spinDone)

	start := time.Now()
	var wg sync.WaitGroup
	var ok int64
	for i := 0; i < conns; i++ {
		wg.Add(1)
		go func(id int) { // client: msgs round trips on one connection
			defer wg.Done()
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				panic(err)
			}
			defer c.Close()
			r := bufio.NewReader(c)
			for m := 0; m < msgs; m++ {
				fmt.Fprintf(c, "c%d m%d\n", id, m)
				if _, err := r.ReadBytes('\n'); err != nil {
					panic(err)
				}
				atomic.AddInt64(&ok, 1)
			}
		}(i)
	}
	wg.Wait()
	ln.Close()
	<-spinDone
	fmt.Printf("echo: conns=%d msgs=%d roundtrips=%d elapsed=%s\n",
		conns, msgs, atomic.LoadInt64(&ok), time.Since(start).Round(time.Millisecond))
}
