// The Go side of go4j's side-by-side benchmarks: the same shapes, batch sizes and goroutine layouts as the
// JMH benchmarks in go4j-bench (see docs/performance.md). Standard library only.
//
// Every benchmark runs b.N batches, each batch the work of one JMH invocation, and reports "ns/msg": the
// time per message (per hop for chain, per select for nonBlocking, per goroutine for spawn), which is what
// bench/run reads. Run: go test -run '^$' -bench . -count 3
package bench

import (
	"runtime"
	"sync"
	"testing"
	"time"
)

type msg = interface{}

var theMsg msg = 42
var stop msg = "stop"

// measure runs batch b.N times and reports the time per message.
func measure(b *testing.B, perBatch int, batch func()) {
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		batch()
	}
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(elapsed.Nanoseconds())/float64(b.N)/float64(perBatch), "ns/msg")
}

func send(c chan msg, n int, wg *sync.WaitGroup) {
	for i := 0; i < n; i++ {
		c <- theMsg
	}
	wg.Done()
}

func recv(c chan msg, n int, wg *sync.WaitGroup) {
	for i := 0; i < n; i++ {
		<-c
	}
	wg.Done()
}

// stream: one producer and one consumer goroutine over c (pingpong when unbuffered, spsc otherwise).
func stream(b *testing.B, capacity int) {
	const n = 100000
	c := make(chan msg, capacity)
	measure(b, n, func() {
		var wg sync.WaitGroup
		wg.Add(2)
		go send(c, n, &wg)
		go recv(c, n, &wg)
		wg.Wait()
	})
}

func Benchmark_pingpong(b *testing.B)  { stream(b, 0) }
func Benchmark_spsc_16(b *testing.B)   { stream(b, 16) }
func Benchmark_spsc_1024(b *testing.B) { stream(b, 1024) }

func Benchmark_mpmc_16(b *testing.B) {
	const n, sides = 100000, 4
	c := make(chan msg, 16)
	measure(b, n, func() {
		var wg sync.WaitGroup
		wg.Add(2 * sides)
		for p := 0; p < sides; p++ {
			go send(c, n/sides, &wg)
			go recv(c, n/sides, &wg)
		}
		wg.Wait()
	})
}

// Benchmark_sem is runtime's BenchmarkChanSem with the JVM side's fixed batch: GOMAXPROCS goroutines each
// acquire (send) and release (receive) a channel of capacity GOMAXPROCS.
func Benchmark_sem(b *testing.B) {
	const n = 100000
	procs := runtime.GOMAXPROCS(0)
	c := make(chan msg, procs)
	measure(b, n, func() {
		var wg sync.WaitGroup
		wg.Add(procs)
		for p := 0; p < procs; p++ {
			go func() {
				for i := 0; i < n/procs; i++ {
					c <- theMsg
					<-c
				}
				wg.Done()
			}()
		}
		wg.Wait()
	})
}

func pairs(b *testing.B, capacity int) {
	const npairs, perPair = 10000, 200
	chans := make([]chan msg, npairs)
	for i := range chans {
		chans[i] = make(chan msg, capacity)
	}
	measure(b, npairs*perPair, func() {
		var wg sync.WaitGroup
		wg.Add(2 * npairs)
		for _, c := range chans {
			go recv(c, perPair, &wg)
			go send(c, perPair, &wg)
		}
		wg.Wait()
	})
}

func Benchmark_pairs_0(b *testing.B)   { pairs(b, 0) }
func Benchmark_pairs_16(b *testing.B)  { pairs(b, 16) }
func Benchmark_pairs_100(b *testing.B) { pairs(b, 100) }

// Benchmark_chain: 1000 forwarders between unbuffered channels, started once; each batch pushes 100
// messages through. ns per hop.
func Benchmark_chain(b *testing.B) {
	const hops, messages = 1000, 100
	head := make(chan msg)
	in := head
	var fwd sync.WaitGroup
	fwd.Add(hops)
	for i := 0; i < hops; i++ {
		out := make(chan msg)
		go func(from, to chan msg) {
			defer fwd.Done()
			for {
				v := <-from
				to <- v
				if v == stop {
					return
				}
			}
		}(in, out)
		in = out
	}
	tail := in
	measure(b, hops*messages, func() {
		var wg sync.WaitGroup
		wg.Add(2)
		go send(head, messages, &wg)
		go recv(tail, messages, &wg)
		wg.Wait()
	})
	go func() { head <- stop }()
	<-tail
	fwd.Wait()
}

func Benchmark_select2(b *testing.B) {
	const n = 100000
	x, y := make(chan msg, 16), make(chan msg, 16)
	measure(b, n, func() {
		var wg sync.WaitGroup
		wg.Add(3)
		go send(x, n/2, &wg)
		go send(y, n/2, &wg)
		go func() {
			for i := 0; i < n; i++ {
				select {
				case <-x:
				case <-y:
				}
			}
			wg.Done()
		}()
		wg.Wait()
	})
}

// Benchmark_selectTimeout: a receive raced against a 1 s timer that never fires; the timer is made and
// stopped per select (the idiomatic time.NewTimer/Stop form of time.After).
func Benchmark_selectTimeout(b *testing.B) {
	const n = 100000
	c := make(chan msg, 16)
	measure(b, n, func() {
		var wg sync.WaitGroup
		wg.Add(2)
		go send(c, n, &wg)
		go func() {
			for i := 0; i < n; i++ {
				t := time.NewTimer(time.Second)
				select {
				case <-c:
				case <-t.C:
					panic("timed out")
				}
				t.Stop()
			}
			wg.Done()
		}()
		wg.Wait()
	})
}

func Benchmark_nonBlocking(b *testing.B) {
	const n = 1000000
	c := make(chan msg)
	measure(b, n, func() {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			for i := 0; i < n; i++ {
				select {
				case <-c:
					panic("unexpected value")
				default:
				}
			}
			wg.Done()
		}()
		wg.Wait()
	})
}

func Benchmark_spawn(b *testing.B) {
	const n = 100000
	measure(b, n, func() {
		var wg sync.WaitGroup
		wg.Add(n)
		for i := 0; i < n; i++ {
			go wg.Done()
		}
		wg.Wait()
	})
}
