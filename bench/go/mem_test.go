package bench

import (
	"fmt"
	"runtime"
	"testing"
)

// TestMemoryFootprint prints Go's reference footprints as "key value" lines for bench/run (run with -v):
// bytes per idle channel (unbuffered, capacity 16) and per goroutine parked in a receive (heap + stack).
func TestMemoryFootprint(t *testing.T) {
	const n = 20000
	used := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc + m.StackInuse
	}
	for _, capacity := range []int{0, 16} {
		chans := make([]chan msg, n)
		before := used()
		for i := range chans {
			chans[i] = make(chan msg, capacity)
		}
		after := used()
		runtime.KeepAlive(chans)
		fmt.Printf("go.idle.%d %d\n", capacity, (after-before)/n)
	}
	chans := make([]chan msg, n)
	for i := range chans {
		chans[i] = make(chan msg)
	}
	done := make(chan struct{}, n)
	before := used()
	for _, c := range chans {
		go func(c chan msg) {
			<-c
			done <- struct{}{}
		}(c)
	}
	for runtime.NumGoroutine() < n {
		runtime.Gosched()
	}
	after := used()
	for _, c := range chans {
		close(c)
	}
	for range chans {
		<-done
	}
	fmt.Printf("go.parked %d\n", (after-before)/n)
}
