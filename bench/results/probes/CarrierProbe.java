import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import java.util.ArrayList;
import java.util.List;

/** Pingpong on go4j's unbuffered channels: per window of messages, ns per message and whether both sides ran on one carrier. */
public class CarrierProbe {
    static final int WINDOW = 200_000;
    static volatile String pongCarrier = "";

    static String carrier() {
        String s = Thread.currentThread().toString(); // VirtualThread[#id]/runnable@ForkJoinPool-1-worker-N
        int at = s.lastIndexOf('@');
        return at < 0 ? s : s.substring(at + 1);
    }

    public static void main(String[] a) throws Exception {
        int windows = Integer.parseInt(a[0]);
        Channel<Integer> ping = Channel.make(0);
        Channel<Integer> pong = Channel.make(0);
        Thread p = Go.go(() -> {
            for (int i = 0; ; i++) {
                Integer v = ping.receive();
                if (v == null) return;
                if (i % WINDOW == WINDOW - 1) pongCarrier = carrier();
                pong.send(v);
            }
        });
        List<String> out = new ArrayList<>();
        Thread main = Go.go(() -> {
            Integer one = 1;
            for (int w = 0; w < windows; w++) {
                long t = System.nanoTime();
                for (int i = 0; i < WINDOW; i++) {
                    ping.send(one);
                    pong.receive();
                }
                long ns = System.nanoTime() - t;
                String me = carrier();
                out.add(String.format("%7.1f ns/msg  ping@%s pong@%s %s", ns / (2.0 * WINDOW), me, pongCarrier,
                        me.equals(pongCarrier) ? "SAME" : "split"));
            }
            ping.close();
        });
        main.join();
        out.forEach(System.out::println);
    }
}
