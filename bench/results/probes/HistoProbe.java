import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.LockSupport;
import javax.management.ObjectName;

/**
 * What 20,000 parked threads hold, class by class: starts them (MODE vt: plain virtual threads in
 * LockSupport.park; go4jpark: goroutines in LockSupport.park; go4jchan: goroutines in a receive on their own
 * unbuffered channel; jox: virtual threads in a jox rendezvous receive), releases them, -Drounds times
 * (default 4; the JIT needs about 12 before the frozen frames are compiled ones), and prints the top of
 * the class histogram (after full GCs) taken in the last round while all are parked. ADR 0059.
 */
public class HistoProbe {
    static volatile boolean released;
    static final int N = 20_000;
    static final int R = Integer.getInteger("rounds", 4);
    public static void main(String[] a) throws Exception {
        String mode = a[0];
        for (int round = 0; round < R; round++) {
            boolean last = round == R - 1;
            Object[] res = new Object[N];
            Thread[] ts = new Thread[N];
            released = false;
            for (int i = 0; i < N; i++) {
                Object r = mode.startsWith("go4jchan") ? Channel.make(0) : mode.equals("jox") ? com.softwaremill.jox.Channel.newRendezvousChannel() : null;
                res[i] = r;
                Runnable body = switch (mode) {
                    case "vt", "go4jpark" -> () -> { while (!released) LockSupport.park(); };
                    case "go4jchan" -> () -> { try { ((Channel<?>) r).receive(); } catch (Exception e) { } };
                    case "jox" -> () -> { try { ((com.softwaremill.jox.Channel<?>) r).receiveOrClosed(); } catch (Exception e) { } };
                    default -> throw new IllegalArgumentException(mode);
                };
                ts[i] = mode.startsWith("go4j") ? Go.go(body::run) : Thread.ofVirtual().start(body);
            }
            for (Thread t : ts) while (t.getState() != Thread.State.WAITING) Thread.onSpinWait();
            if (last) {
                for (int i = 0; i < 3; i++) System.gc();
                String h = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
                String[] lines = h.split("\n");
                for (int i = 0; i < Math.min(25, lines.length); i++) System.out.println(lines[i]);
            }
            released = true;
            for (int i = 0; i < N; i++) {
                if (res[i] instanceof Channel<?> c) c.close();
                if (res[i] instanceof com.softwaremill.jox.Channel<?> c) c.done();
                LockSupport.unpark(ts[i]);
            }
            for (Thread t : ts) t.join();
        }
    }
}
