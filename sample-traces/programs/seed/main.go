// seed: the experiment preemptscope was founded on. With one P, main spins in
// a loop that has no call and so no cooperative preemption point, while a
// goroutine that would panic waits to run. Go 1.14+ preempts main with SIGURG
// after about 10 ms, the goroutine runs and the program dies of its panic
// (exit status 2). Under Go 1.13 behaviour (GODEBUG=asyncpreemptoff=1) main
// is never preempted and the program hangs until it is killed.
package main

import "runtime"

func main() {
	runtime.GOMAXPROCS(1)
	go func() {
		panic("the goroutine ran: main was preempted")
	}()
	for {
	}
}
