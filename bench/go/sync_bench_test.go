// Go's side of go4j's sync and patterns benchmarks (issues 3 and 4): the same shapes as the JMH classes in
// go4j-bench's io.github.go4j.bench.sync and io.github.go4j.bench.patterns packages. Standard library only,
// so the rate limiter (golang.org/x/time/rate) has no Go side. Each reports "ns/msg" through measure (see
// chan_bench_test.go): per lock/unlock pair, per job, per published message.
package bench

import (
	"sync"
	"testing"
)

const lockOps = 100000 // per batch, like MutexBench.N and RWMutexBench.N

var counter int64
var sink int64

// Benchmark_mutex: one goroutine, never contended.
func Benchmark_mutex(b *testing.B) {
	var mu sync.Mutex
	const batch = 1000
	measure(b, batch, func() {
		for i := 0; i < batch; i++ {
			mu.Lock()
			counter++
			mu.Unlock()
		}
	})
}

// mutexN: n goroutines each doing lockOps/n lock/unlock pairs on one Mutex (started and joined per batch).
func mutexN(b *testing.B, n int) {
	var mu sync.Mutex
	measure(b, lockOps, func() {
		var wg sync.WaitGroup
		wg.Add(n)
		for g := 0; g < n; g++ {
			go func() {
				for i := 0; i < lockOps/n; i++ {
					mu.Lock()
					counter++
					mu.Unlock()
				}
				wg.Done()
			}()
		}
		wg.Wait()
	})
}

func Benchmark_mutex4(b *testing.B)  { mutexN(b, 4) }
func Benchmark_mutex16(b *testing.B) { mutexN(b, 16) }

// Benchmark_rlock: one goroutine, read lock only.
func Benchmark_rlock(b *testing.B) {
	var rw sync.RWMutex
	const batch = 1000
	value := int64(42)
	measure(b, batch, func() {
		s := int64(0)
		for i := 0; i < batch; i++ {
			rw.RLock()
			s += value
			rw.RUnlock()
		}
		sink = s
	})
}

// Benchmark_rlock4: 4 reader goroutines, no writer.
func Benchmark_rlock4(b *testing.B) {
	var rw sync.RWMutex
	const readers = 4
	value := int64(42)
	measure(b, lockOps, func() {
		var wg sync.WaitGroup
		wg.Add(readers)
		for g := 0; g < readers; g++ {
			go func() {
				s := int64(0)
				for i := 0; i < lockOps/readers; i++ {
					rw.RLock()
					s += value
					rw.RUnlock()
				}
				sink = s
				wg.Done()
			}()
		}
		wg.Wait()
	})
}

// Benchmark_pool: the seed's worker pool, 4 workers over jobs and results channels of 64; one goroutine
// submits 10,000 jobs (i -> i+1) while the benchmark goroutine receives every result. Like PoolBench.
func Benchmark_pool(b *testing.B) {
	const n, workers, queue = 10000, 4, 64
	jobs := make(chan int, queue)
	results := make(chan int, queue)
	for w := 0; w < workers; w++ {
		go func() {
			for j := range jobs {
				results <- j + 1
			}
		}()
	}
	measure(b, n, func() {
		go func() {
			for i := 0; i < n; i++ {
				jobs <- i
			}
		}()
		s := 0
		for i := 0; i < n; i++ {
			s += <-results
		}
		sink = int64(s)
	})
	close(jobs)
}

// fanout: one publisher sends 1,000 messages to each of n buffered (64) channels, one receiving goroutine
// per channel; ns per published message. Like BrokerBench, without topics or statistics.
func fanout(b *testing.B, n int) {
	const m = 1000
	subs := make([]chan msg, n)
	for i := range subs {
		subs[i] = make(chan msg, 64)
	}
	measure(b, m, func() {
		var wg sync.WaitGroup
		wg.Add(n)
		for _, c := range subs {
			go recv(c, m, &wg)
		}
		for k := 0; k < m; k++ {
			for _, c := range subs {
				c <- theMsg
			}
		}
		wg.Wait()
	})
}

func Benchmark_fanout1(b *testing.B)   { fanout(b, 1) }
func Benchmark_fanout10(b *testing.B)  { fanout(b, 10) }
func Benchmark_fanout100(b *testing.B) { fanout(b, 100) }
