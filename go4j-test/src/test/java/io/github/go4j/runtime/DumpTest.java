package io.github.go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.Select;
import io.github.go4j.internal.G;
import io.github.go4j.internal.WaitReason;
import io.github.go4j.sync.Mutex;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.synctest.SyncTest;
import io.github.go4j.time.Time;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
public class DumpTest {

    /**
     * Waits until the goroutine of {@code t} is parked for {@code reason}: its wait reason is set, it
     * has published its parked state (when its waits are hooked), and its thread is parked (the reason alone is set before the
     * goroutine gets there, so a dump taken then may show it still inside go4j's wait code).
     */
    public static void waitFor(Thread t, WaitReason reason) {
        while (true) {
            for (G g : G.live()) {
                if (g.thread() == t && g.waitReason() == reason && (g.parkedWaiter() != null || !g.hooked())
                        && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)) {
                    return;
                }
            }
            Thread.onSpinWait();
            Go.gosched();
        }
    }

    static long idOf(Thread t) {
        for (G g : G.live()) {
            if (g.thread() == t) {
                return g.id();
            }
        }
        throw new AssertionError("not live: " + t);
    }

    static void receiveHere(Channel<Integer> c) throws InterruptedException {
        c.receive();
    }

    @Test
    @DisplayName("RU08: header, stack without internals, created by ... in goroutine N and the go call's place")
    void format() throws InterruptedException {
        Channel<Integer> c = Channel.make();
        Thread t = Go.go(() -> receiveHere(c));
        try {
            formatOf(t, c);
        } finally {
            c.close(); // also when an assertion fails: a leaked goroutine would fail later tests' leak checks
            t.join();
        }
    }

    private static void formatOf(Thread t, Channel<Integer> c) {
        waitFor(t, WaitReason.CHAN_RECEIVE);
        long id = idOf(t);
        String dump = Go.dump();
        String mine = dump.substring(dump.indexOf("goroutine " + id + " "));
        mine = mine.contains("\n\n") ? mine.substring(0, mine.indexOf("\n\n") + 1) : mine;
        assertThat(mine).matches(Pattern.compile("goroutine " + id + " \\[chan receive\\]:\n"
                + "(io\\.github\\.go4j\\.chan\\.[^\n]*\n\t[^\n]*\n)*" // the public API frame(s), like Go's chanrecv caller
                + "io\\.github\\.go4j\\.runtime\\.DumpTest\\.receiveHere\\(\\.\\.\\.\\)\n\tDumpTest\\.java:\\d+\n"
                + "io\\.github\\.go4j\\.runtime\\.DumpTest\\.lambda\\$format\\$\\d+\\(\\.\\.\\.\\)\n\tDumpTest\\.java:\\d+\n"
                + "created by io\\.github\\.go4j\\.runtime\\.DumpTest \\(lambda\\) in goroutine 1\n"
                + "\tDumpTest\\.java:\\d+\n", Pattern.DOTALL));
        assertThat(mine).doesNotContain("io.github.go4j.internal.", "jdk.internal.", "VirtualThread");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Go.dump(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("goroutine " + id + " [chan receive]:");
    }

    @Test
    @DisplayName("RU07/RU08: wait reasons, ', N minutes' on the goroutine's clock, and parent ids")
    void reasonsAndMinutes() throws Exception {
        AtomicReference<String> dump = new AtomicReference<>();
        AtomicReference<Long> rootId = new AtomicReference<>();
        SyncTest.run(() -> {
            rootId.set(G.current().id());
            Channel<Integer> c1 = Channel.make();
            Channel<Integer> c2 = Channel.make();
            Channel<Integer> c3 = Channel.make();
            Go.go(() -> c1.receive());
            Go.go(() -> c2.send(1, Duration.ofHours(1)));
            Go.go(() -> Select.select(Channel.<Integer>make().onReceive(), Time.after(Duration.ofHours(2)).onReceive()));
            Go.go(() -> Time.sleep(Duration.ofHours(3)));
            Time.sleep(Duration.ofMinutes(1));
            SyncTest.await();
            Go.go(() -> c3.receive()); // has waited less than a minute
            SyncTest.await();
            dump.set(Go.dump());
            Time.sleep(Duration.ofHours(4)); // let the timers run out; then unblock the receivers
            c1.close();
            c3.close();
        });
        String d = dump.get();
        long root = rootId.get();
        // The root itself runs while it dumps; the others wait, all created by the root.
        assertThat(d).contains("goroutine " + root + " [running]:");
        assertThat(d).containsPattern("\\[chan receive( \\(durable\\))?, 1 minutes\\]:"); // bubble channels: Go 1.25's durable reasons
        assertThat(d).containsPattern("\\[chan send( \\(durable\\))?, 1 minutes\\]:"); // bubble channels: Go 1.25's durable reasons
        assertThat(d).containsPattern("\\[select( \\(durable\\))?, 1 minutes\\]:"); // bubble channels: Go 1.25's durable reasons
        assertThat(d).containsPattern("\\[sleep, 1 minutes\\]:");
        assertThat(d).containsPattern("\\[chan receive( \\(durable\\))?\\]:");
        assertThat(d).contains("in goroutine " + root + "\n");
    }

    /** The frames of {@code t}'s entry in a fresh dump, after its header. */
    static String entryOf(Thread t) {
        long id = idOf(t);
        String dump = Go.dump();
        String mine = dump.substring(dump.indexOf("goroutine " + id + " "));
        return mine.contains("\n\n") ? mine.substring(0, mine.indexOf("\n\n") + 1) : mine;
    }

    @Test
    @DisplayName("RU08: a goroutine blocked in Mutex.lock shows Mutex.lock first, not go4j's sync internals")
    void mutexLockIsTheTopFrame() throws InterruptedException {
        Mutex mu = new Mutex();
        mu.lock();
        Thread t = Go.go(() -> {
            mu.lock();
            mu.unlock();
        });
        try {
            waitFor(t, WaitReason.MUTEX_LOCK);
            String mine = entryOf(t);
            assertThat(mine).startsWith("goroutine " + idOf(t) + " [sync.Mutex.Lock]:\n"
                    + "io.github.go4j.sync.Mutex.lock(...)\n\tMutex.java:");
            assertThat(mine).contains("io.github.go4j.runtime.DumpTest.lambda$mutexLockIsTheTopFrame$")
                    .doesNotContain("WaitNode", "acquireSlow", "acquireInterruptibly", "io.github.go4j.internal.");
        } finally {
            mu.unlock();
            t.join();
        }
    }

    @Test
    @DisplayName("RU08: a goroutine blocked in WaitGroup.await shows WaitGroup.await first")
    void waitGroupAwaitIsTheTopFrame() throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        Thread t = Go.go(wg::await);
        try {
            waitFor(t, WaitReason.WAITGROUP_WAIT);
            String mine = entryOf(t);
            assertThat(mine).startsWith("goroutine " + idOf(t) + " [sync.WaitGroup.Wait]:\n"
                    + "io.github.go4j.sync.WaitGroup.await(...)\n\tWaitGroup.java:");
            assertThat(mine).doesNotContain("WaitNode", "io.github.go4j.internal.");
        } finally {
            wg.done();
            t.join();
        }
    }
}
