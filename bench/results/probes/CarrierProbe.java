import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A round-trip ping-pong on go4j's unbuffered channels (ping, then pong): per window of round trips, ns
 * per message and on how many sampled messages both sides ran on the same carrier. Every 64th message,
 * the sender notes its carrier before it sends and the receiver compares its own once it has the value:
 * a field read ({@code VirtualThread.carrierThread}, so run with {@code --add-opens
 * java.base/java.lang=ALL-UNNAMED}), cheap enough not to disturb the spins it watches. (Session 9's
 * version read the carrier from {@code toString()}, once per window: a cold call, ~14 us against ~110
 * ns warm, longer than a partner's 520-ns spin, so the partner parked and was woken onto the same
 * carrier, and the probe saw the pair together where it was apart.)
 */
public class CarrierProbe {
    static final int WINDOW = 200_000;
    static final VarHandle CARRIER;

    static {
        try {
            Class<?> vt = Class.forName("java.lang.VirtualThread");
            CARRIER = MethodHandles.privateLookupIn(vt, MethodHandles.lookup())
                    .findVarHandle(vt, "carrierThread", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static Object carrier() {
        return CARRIER.getOpaque(Thread.currentThread());
    }

    static Object pingCarrier; // written before a send, read after the matching receive
    static long same;
    static long apart;

    public static void main(String[] a) throws Exception {
        int windows = Integer.parseInt(a[0]);
        Channel<Integer> ping = Channel.make(0);
        Channel<Integer> pong = Channel.make(0);
        Go.go(() -> {
            for (int k = 0; ; k++) {
                Integer v = ping.receive();
                if (v == null) {
                    return;
                }
                if ((k & 63) == 0) {
                    if (carrier() == pingCarrier) {
                        same++;
                    } else {
                        apart++;
                    }
                }
                pong.send(v);
            }
        });
        Thread main = Go.go(() -> {
            Integer one = 1;
            for (int w = 0; w < windows; w++) {
                long same0 = same;
                long apart0 = apart;
                long t = System.nanoTime();
                for (int i = 0; i < WINDOW; i++) {
                    if ((i & 63) == 0) {
                        pingCarrier = carrier();
                    }
                    ping.send(one);
                    pong.receive();
                }
                long ns = System.nanoTime() - t;
                System.out.printf("%7.1f ns/msg  same carrier %5d, apart %5d%n", ns / (2.0 * WINDOW), same - same0,
                        apart - apart0);
            }
            ping.close();
        });
        main.join();
    }
}
