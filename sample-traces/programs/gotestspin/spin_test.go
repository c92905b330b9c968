package gotestspin

import (
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// TestSpinnerAndSleeper: on one P, a goroutine spins in Spin while the test
// goroutine sleeps 2 ms at a time until the spinner is done. Run with
// `go test -trace=FILE` to record it. SPIN_ITERS sets the loop length
// (default 200000000, about 0.2 s).
func TestSpinnerAndSleeper(t *testing.T) {
	n := uint64(200_000_000)
	if s := os.Getenv("SPIN_ITERS"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("SPIN_ITERS: %v", err)
		}
		n = v
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)

	result := make(chan uint64)
	start := time.Now()
	go func() { result <- Spin(n) }()
	var late []time.Duration
	for {
		select {
		case x := <-result:
			t.Logf("GODEBUG=%q iterations=%d result=%d elapsed=%s sleeps=%d sleep(2ms) took: %v",
				os.Getenv("GODEBUG"), n, x, time.Since(start).Round(time.Millisecond), len(late), late)
			return
		default:
		}
		s := time.Now()
		time.Sleep(2 * time.Millisecond)
		late = append(late, time.Since(s).Round(10*time.Microsecond))
	}
}
