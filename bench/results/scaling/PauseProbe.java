/** How long one Thread.onSpinWait() takes on this machine: the median of 21 rounds of 1,000,000. */
public class PauseProbe {
    public static void main(String[] args) {
        double[] ns = new double[21];
        for (int r = 0; r < ns.length; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < 1_000_000; i++) {
                Thread.onSpinWait();
            }
            ns[r] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(ns);
        System.out.printf("onSpinWait: %.2f ns (median of 21 rounds of 10^6; min %.2f, max %.2f)%n", ns[10], ns[0], ns[20]);
    }
}
