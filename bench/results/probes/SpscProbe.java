import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * spsc on a buffered go4j channel (capacity 16, or the second argument): per window of 2,000,000 messages,
 * ns per message, on how many sampled messages both sides ran on one carrier, and the CPU each carrier
 * thread last ran on with its user time (/proc/self/task). ADR 0060. Run: java --add-opens
 * java.base/java.lang=ALL-UNNAMED -cp benchmarks.jar:. SpscProbe WINDOWS [CAP]
 */
public class SpscProbe {
    static final int WINDOW = 2_000_000;
    static final VarHandle CARRIER;
    static {
        try {
            Class<?> vt = Class.forName("java.lang.VirtualThread");
            CARRIER = MethodHandles.privateLookupIn(vt, MethodHandles.lookup()).findVarHandle(vt, "carrierThread", Thread.class);
        } catch (ReflectiveOperationException e) { throw new ExceptionInInitializerError(e); }
    }
    static Object carrier() { return CARRIER.getOpaque(Thread.currentThread()); }
    static volatile Object prodCarrier;
    static String cpus() {
        StringBuilder sb = new StringBuilder();
        try (var ds = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
            for (var d : ds) {
                String comm = java.nio.file.Files.readString(d.resolve("comm")).trim();
                if (!comm.startsWith("ForkJoinPool")) continue;
                String st = java.nio.file.Files.readString(d.resolve("stat"));
                String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
                // f[0] = state (field 3); utime field 14 -> f[11], stime f[12], processor field 39 -> f[36]
                sb.append(comm.replace("ForkJoinPool-1-worker-", "w")).append(":cpu").append(f[36]).append(",ut").append(f[11]).append(' ');
            }
        } catch (Exception e) { return e.toString(); }
        return sb.toString();
    }
    static long same, apart;

    public static void main(String[] a) throws Exception {
        int windows = Integer.parseInt(a[0]);
        int cap = a.length > 1 ? Integer.parseInt(a[1]) : 16;
        Channel<Integer> c = Channel.make(cap);
        Integer v = 1;
        long total = (long) windows * WINDOW;
        Thread p = Thread.ofVirtual().start(() -> {
            try {
                for (long i = 0; i < total; i++) {
                    if ((i & 63) == 0) prodCarrier = carrier();
                    c.send(v);
                }
            } catch (InterruptedException e) { throw new RuntimeException(e); }
        });
        Thread r = Thread.ofVirtual().start(() -> {
            try {
                for (int w = 0; w < windows; w++) {
                    long t = System.nanoTime();
                    same = apart = 0;
                    for (int i = 0; i < WINDOW; i++) {
                        c.receive();
                        if ((i & 63) == 0) { if (carrier() == prodCarrier) same++; else apart++; }
                    }
                    System.out.printf("%8.1f ns/msg  same %6d apart %6d %s%n", (System.nanoTime() - t) / (double) WINDOW, same, apart, cpus());
                }
            } catch (InterruptedException e) { throw new RuntimeException(e); }
        });
        p.join(); r.join();
    }
}
