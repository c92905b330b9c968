// Package gotestspin is a tiny package whose test is run under `go test -trace`
// to get a Go execution trace from the test binary (see spin_test.go).
package gotestspin

// Spin runs n LCG steps and returns the result. The loop has no calls, so it
// has no cooperative preemption point: only asynchronous preemption (SIGURG,
// Go 1.14+, unless GODEBUG=asyncpreemptoff=1) can take the P from it.
//
//go:noinline
func Spin(n uint64) uint64 {
	x := n
	for i := uint64(0); i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	return x
}
