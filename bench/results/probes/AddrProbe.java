import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import java.util.Random;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.vm.VM;

/**
 * pingpong's shape (one sender, one receiver, one unbuffered channel) on a fresh channel per window, with
 * the channel's address modulo 64: how much the cache lines under its fields matter (ADR 0057). Args:
 * windows, random seed (the seed sizes a small array allocated before each channel, to move it).
 */
public class AddrProbe {
    static final int WINDOW = 400_000;
    static Object spacer;

    public static void main(String[] a) throws Exception {
        int windows = Integer.parseInt(a[0]);
        Random rnd = new Random(Long.parseLong(a[1]));
        Integer one = 1;
        for (int w = 0; w < windows; w++) {
            spacer = new long[rnd.nextInt(16)];
            Channel<Integer> ch = Channel.make(0);
            if (w == 0) {
                System.out.println(ClassLayout.parseInstance(ch).toPrintable());
            }
            System.gc(); // into the old generation: the address holds for the window
            StringBuilder line = new StringBuilder();
            for (int rep = 0; rep < 3; rep++) {
                long t = System.nanoTime();
                Thread r = Go.go(() -> {
                    for (int i = 0; i < WINDOW; i++) {
                        ch.receive();
                    }
                });
                Thread s = Go.go(() -> {
                    for (int i = 0; i < WINDOW; i++) {
                        ch.send(one);
                    }
                });
                r.join();
                s.join();
                line.append(String.format("%7.1f ", (System.nanoTime() - t) / (double) WINDOW));
            }
            System.out.println(line + " ns/msg  addr%64 " + VM.current().addressOf(ch) % 64);
        }
    }
}
