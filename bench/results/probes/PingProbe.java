import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * pingpong's shape as JMH runs it (a fresh sender and receiver goroutine per round of 100,000 messages
 * on one channel): per round, ns per message / the share of sampled messages on which both sides ran on
 * one carrier / the channel's spin state (failed spins in a row : waits left that park at once). ADR
 * 0061. Run: java --add-opens java.base/java.lang=ALL-UNNAMED -cp benchmarks.jar:. PingProbe ROUNDS
 */
public class PingProbe {
    static final int N = 100_000;
    static final VarHandle CARRIER;
    static {
        try {
            Class<?> vt = Class.forName("java.lang.VirtualThread");
            CARRIER = MethodHandles.privateLookupIn(vt, MethodHandles.lookup()).findVarHandle(vt, "carrierThread", Thread.class);
        } catch (ReflectiveOperationException e) { throw new ExceptionInInitializerError(e); }
    }
    static final java.lang.reflect.Field SPIN;
    static {
        try {
            SPIN = Class.forName("io.github.go4j.internal.Chan").getDeclaredField("spin");
            SPIN.setAccessible(true);
        } catch (ReflectiveOperationException e) { throw new ExceptionInInitializerError(e); }
    }
    static Object carrier() { return CARRIER.getOpaque(Thread.currentThread()); }
    static volatile Object prodCarrier;
    static long same, apart;

    public static void main(String[] a) throws Exception {
        int rounds = Integer.parseInt(a[0]);
        Channel<Integer> c = Channel.make(0);
        Integer v = 1;
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rounds; r++) {
            same = apart = 0;
            long t = System.nanoTime();
            Thread p = Go.go(() -> {
                for (int i = 0; i < N; i++) {
                    if ((i & 63) == 0) prodCarrier = carrier();
                    c.send(v);
                }
            });
            Thread q = Go.go(() -> {
                for (int i = 0; i < N; i++) {
                    c.receive();
                    if ((i & 63) == 0) { if (carrier() == prodCarrier) same++; else apart++; }
                }
            });
            p.join(); q.join();
            double ns = (System.nanoTime() - t) / (double) N;
            int st = SPIN.getInt(c); sb.append(String.format("%.0f/%d%%/%d:%d ", ns, 100 * same / (same + apart), st >>> 16, st & 0xFFFF));
            if (r % 10 == 9) { System.out.println(sb); sb.setLength(0); }
        }
    }
}
