package io.github.go4j.modulepath;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.errgroup.ErrGroup;
import io.github.go4j.pool.Pool;
import io.github.go4j.semaphore.Weighted;
import java.time.Duration;

/**
 * A tiny program that {@link ModulePathIT} runs with go4j-core and go4j-patterns on the module path:
 * the patterns (an automatic module) reach go4j-core's internal package through its qualified export,
 * else the first wait fails with IllegalAccessError.
 */
public final class ModulePathProgram {

    private ModulePathProgram() {}

    public static void main(String[] args) throws Exception {
        check(Go.class.getModule(), "io.github.go4j");
        check(ErrGroup.class.getModule(), "io.github.go4j.patterns");
        Channel<Integer> ch = Channel.make(0);
        ErrGroup g = new ErrGroup();
        g.setLimit(2);
        g.go(() -> ch.send(40));
        g.go(() -> ch.send(2));
        int sum = ch.receive() + ch.receive();
        if (g.await() != null || sum != 42) {
            throw new AssertionError("sum " + sum);
        }
        Weighted sem = new Weighted(1);
        sem.acquire(1);
        sem.release(1);
        Pool<Integer, Integer> pool = Pool.start(2, 2, (ctx, x) -> x * 2);
        pool.submit(21);
        int doubled = pool.results().receive().value();
        pool.shutdown(Duration.ofSeconds(10));
        System.out.println("module path ok: " + sum + " " + doubled + " " + ErrGroup.class.getModule().getName());
    }

    private static void check(Module m, String name) {
        if (!m.isNamed() || !m.getName().equals(name)) {
            throw new AssertionError("expected module " + name + ", got " + m);
        }
    }
}
