package io.github.go4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The goroutine records ({@link G}) behind dumps, leak checks and deadlock detection (RU01, RU07) are on
 * by default; the internal, benchmark-only switch {@code -Dgo4j.internal.bookkeeping=false} (issue 7's
 * "Cost", ADR 0047) removes them, which only a JVM of its own can show.
 */
class BookkeepingTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    @DisplayName("RU01/RU07: by default every goroutine has a record: counted, dumped with its wait reason")
    void onByDefault() throws Exception {
        assertThat(Panics.BOOKKEEPING).isTrue();
        Channel<String> ch = Channel.make();
        Thread t = Go.go(() -> {
            String unused = ch.receive();
        });
        awaitParked(t);
        assertThat(Go.numGoroutine()).isGreaterThanOrEqualTo(1 + 1); // only a lower bound: see GoTest
        G g = G.live().stream().filter(x -> x.thread() == t).findFirst().orElseThrow();
        awaitReason(g);
        assertThat(Go.dump()).contains("goroutine " + g.id() + " [chan receive]:");
        ch.send("done");
        join(t);
    }

    @Test
    @DisplayName("-Dgo4j.internal.bookkeeping=false: no records, channels and panic reports still work")
    void offInItsOwnJvm() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "-D" + Panics.BOOKKEEPING_PROPERTY + "=false",
                "-cp", System.getProperty("java.class.path"), Off.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = assertTimeoutPreemptively(LIMIT, () -> {
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return text;
        }, () -> {
            p.destroyForcibly();
            return "the forked JVM did not finish";
        });
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("bookkeeping=false", "numGoroutine=1", "dump=[]", "received=ping",
                "waiter.g=null", "panic: java.lang.IllegalStateException: boom", "bubble refused");
    }

    /** The forked JVM's program for {@link #offInItsOwnJvm}: prints what it sees, one fact a line. */
    static final class Off {
        public static void main(String[] args) throws Exception {
            System.out.println("bookkeeping=" + Panics.BOOKKEEPING);
            Channel<String> ch = Channel.make();
            Waiter[] seen = new Waiter[1];
            Thread t = Go.go(() -> {
                seen[0] = new Waiter();
                System.out.println("received=" + ch.receive());
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                Thread.yield();
            }
            System.out.println("numGoroutine=" + Go.numGoroutine());
            System.out.println("dump=[" + Go.dump() + "]");
            ch.send("ping");
            t.join();
            System.out.println("waiter.g=" + seen[0].g());
            Thread boom = Go.go(() -> {
                throw new IllegalStateException("boom");
            });
            boom.join();
            try {
                Panics.start(() -> {}, null, new Bubble() {
                    @Override
                    public Clock clock() {
                        return Clock.system();
                    }

                    @Override
                    public void started(G g) {}

                    @Override
                    public void exited(G g) {}

                    @Override
                    public void blocked(G g, WaitReason reason) {}

                    @Override
                    public void readied(G g) {}
                });
                System.out.println("bubble started");
            } catch (IllegalStateException e) {
                System.out.println("bubble refused");
            }
            System.out.flush();
        }
    }

    private static void awaitParked(Thread t) {
        assertTimeoutPreemptively(LIMIT, () -> {
            while (t.getState() != Thread.State.WAITING) {
                assertThat(t.isAlive()).as("thread ended instead of blocking").isTrue();
                Thread.onSpinWait();
                Thread.yield();
            }
        });
    }

    private static void awaitReason(G g) {
        assertTimeoutPreemptively(LIMIT, () -> {
            while (g.waitReason() != WaitReason.CHAN_RECEIVE) {
                Thread.onSpinWait();
                Thread.yield();
            }
        });
    }

    private static void join(Thread t) {
        assertTimeoutPreemptively(LIMIT, () -> t.join());
    }
}
