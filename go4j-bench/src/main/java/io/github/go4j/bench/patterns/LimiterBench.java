package io.github.go4j.bench.patterns;

import com.google.common.util.concurrent.RateLimiter;
import io.github.bucket4j.Bucket;
import io.github.go4j.rate.Limit;
import io.github.go4j.rate.Limiter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Token-bucket "may I?" checks (issue 4), ns per call on one thread: go4j's {@link Limiter#allow()} against
 * Guava's {@code RateLimiter.tryAcquire()} and Bucket4j's {@code Bucket.tryConsume(1)}. {@code allow}: a limit
 * of 10^9 events/s (burst 1000 where the API has one), so nearly every call is granted and refills tokens.
 * {@code deny}: 1 event per hour, burst 1, exhausted once, so every call is refused. Go's
 * golang.org/x/time/rate is not in the standard library, so there is no Go side.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LimiterBench {
    private final Limiter go4jFast = new Limiter(Limit.of(1e9), 1000);
    private final RateLimiter guavaFast = RateLimiter.create(1e9);
    private final Bucket bucketFast = Bucket.builder()
            .addLimit(l -> l.capacity(1000).refillGreedy(1_000_000_000L, Duration.ofSeconds(1)))
            .build();

    private final Limiter go4jSlow = new Limiter(Limit.every(Duration.ofHours(1)), 1);
    private final RateLimiter guavaSlow = RateLimiter.create(1.0 / 3600);
    private final Bucket bucketSlow = Bucket.builder()
            .addLimit(l -> l.capacity(1).refillGreedy(1, Duration.ofHours(1)))
            .build();

    {
        go4jSlow.allow();
        guavaSlow.tryAcquire();
        bucketSlow.tryConsume(1);
    }

    @Benchmark
    public boolean allow_go4j() {
        return go4jFast.allow();
    }

    @Benchmark
    public boolean allow_Guava() {
        return guavaFast.tryAcquire();
    }

    @Benchmark
    public boolean allow_Bucket4j() {
        return bucketFast.tryConsume(1);
    }

    @Benchmark
    public boolean deny_go4j() {
        return go4jSlow.allow();
    }

    @Benchmark
    public boolean deny_Guava() {
        return guavaSlow.tryAcquire();
    }

    @Benchmark
    public boolean deny_Bucket4j() {
        return bucketSlow.tryConsume(1);
    }
}
