import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.Select;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * select2's shape (two producers, each on its own capacity-16 channel, one goroutine selecting over both),
 * ROUNDS rounds of 100,000 messages in one JVM; prints the median and quartiles of the rounds' ns per
 * message. MODE "inline" makes the two receive clauses in every select, as the benchmark does; "hoist"
 * makes them once, before the loop: the difference is what making the clauses costs. ADR 0062.
 * Run: java -cp benchmarks.jar:. Sel2Probe MODE ROUNDS
 */
public class Sel2Probe {
    static final int N = 100_000;
    static final Object MSG = new Object();

    public static void main(String[] args) throws Exception {
        boolean hoist = args[0].equals("hoist");
        int rounds = Integer.parseInt(args[1]);
        long[] t = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            Channel<Object> a = Channel.make(16);
            Channel<Object> b = Channel.make(16);
            CountDownLatch done = new CountDownLatch(3);
            long t0 = System.nanoTime();
            Go.go(() -> {
                for (int i = 0; i < N / 2; i++) {
                    a.send(MSG);
                }
                done.countDown();
            });
            Go.go(() -> {
                for (int i = 0; i < N / 2; i++) {
                    b.send(MSG);
                }
                done.countDown();
            });
            Go.go(() -> {
                if (hoist) {
                    var ca = a.onReceive();
                    var cb = b.onReceive();
                    for (int i = 0; i < N; i++) {
                        Select.select(ca, cb);
                    }
                } else {
                    for (int i = 0; i < N; i++) {
                        Select.select(a.onReceive(), b.onReceive());
                    }
                }
                done.countDown();
            });
            done.await();
            t[r] = (System.nanoTime() - t0) / N;
        }
        Arrays.sort(t);
        System.out.println(args[0] + " median " + t[rounds / 2] + " q1 " + t[rounds / 4] + " q3 " + t[3 * rounds / 4]);
    }
}
