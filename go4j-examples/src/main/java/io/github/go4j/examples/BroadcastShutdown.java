package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.Select;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;

/** Pattern: broadcast a shutdown signal to every worker by closing one channel. */
public final class BroadcastShutdown extends Program {

    /** The program, run in {@code env}. */
    public BroadcastShutdown(Env env) {
        super(env);
    }

    void worker(int id, ReceiveChannel<Struct> shutdown, WaitGroup wg) throws InterruptedException {
        try { // defer wg.Done()
            for (;;) {
                boolean stop = Select.select(
                        shutdown.onReceive(s -> {
                            printf("Worker %d: Received shutdown signal\n", id);
                            return true;
                        }),
                        Select.otherwise(() -> {
                            // Do work
                            printf("Worker %d: Working...\n", id);
                            Time.sleep(ms(300));
                            return false;
                        }));
                if (stop) {
                    return;
                }
            }
        } finally {
            wg.done();
        }
    }

    @Override
    public void main() throws Exception {
        Channel<Struct> shutdown = Channel.make();
        var wg = new WaitGroup();

        // Start 3 workers
        for (int i = 1; i <= 3; i++) {
            wg.add(1);
            int id = i;
            Go.go(() -> worker(id, shutdown, wg));
        }

        // Let them work
        Time.sleep(seconds(1));

        // Broadcast shutdown by closing channel
        println("\nMain: Broadcasting shutdown signal...");
        shutdown.close();

        wg.await();
        println("Main: All workers stopped");
    }
}
