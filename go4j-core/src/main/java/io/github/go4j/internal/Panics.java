package io.github.go4j.internal;

import io.github.go4j.Go;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * Starts goroutines and reports what escapes them, in Go's words. One place, so that {@code Go.go},
 * {@code WaitGroup.go} and a bubble's root all start goroutines the same way.
 */
public final class Panics {

    /** A goroutine body that may throw anything. */
    @FunctionalInterface
    public interface Body {
        /** Runs the body. */
        void run() throws Exception;
    }

    private static final boolean TRACE_CREATION = Boolean.getBoolean("go4j.traceCreation");
    private static volatile Go.PanicPolicy policy =
            "exit".equalsIgnoreCase(System.getProperty("go4j.panic")) ? Go.PanicPolicy.EXIT : Go.PanicPolicy.PRINT;
    private static volatile Go.PanicHandler handler;

    private static final Thread.Builder.OfVirtual BUILDER = Thread.ofVirtual();

    /** The system property behind {@link #BOOKKEEPING}. Internal, for benchmarks only, unsupported. */
    public static final String BOOKKEEPING_PROPERTY = "go4j.internal.bookkeeping";

    /**
     * Whether goroutines get a record ({@link G}): true unless {@code -Dgo4j.internal.bookkeeping=false}.
     *
     * <p><b>Internal, for benchmarks only, unsupported.</b> It exists so that the benchmark module can
     * measure what the records cost (issue 7, ADR 0047). With it off, goroutines start with the same
     * panic report but without a record, and their waits skip every hook, exactly like threads not
     * started by go4j: {@code Go.dump}, {@code Go.numGoroutine}, leak checks, the deadlock detector and
     * parent ids see none of them, and a bubble cannot start. Read once into a static final, so that
     * with the default the JIT folds the test away.
     */
    public static final boolean BOOKKEEPING = !"false".equalsIgnoreCase(System.getProperty(BOOKKEEPING_PROPERTY));

    private Panics() {}

    /** Sets the policy. */
    public static void setPolicy(Go.PanicPolicy p) {
        policy = Objects.requireNonNull(p, "policy");
    }

    /** The policy. */
    public static Go.PanicPolicy policy() {
        return policy;
    }

    /** Sets the handler; null restores the default report. */
    public static void setHandler(Go.PanicHandler h) {
        handler = h;
    }

    /**
     * Starts {@code body} as a goroutine of the caller's bubble (or of {@code bubble}, when not null).
     * {@code afterExit} (may be null) runs after the body and after any panic was reported: WaitGroup's
     * {@code go} uses it so that {@code await} cannot return before the report (SY05).
     */
    public static Thread start(Body body, Runnable afterExit) {
        return start(body, afterExit, null);
    }

    /** As {@link #start(Body, Runnable)}, in the given bubble. */
    public static Thread start(Body body, Runnable afterExit, Bubble bubble) {
        return start(body, body, afterExit, bubble);
    }

    /**
     * As {@link #start(Body, Runnable, Bubble)}, naming the goroutine after {@code origin}: the user's
     * task when {@code body} is an adapter around it, so that "created by" shows the user's code.
     */
    public static Thread start(Object origin, Body body, Runnable afterExit, Bubble bubble) {
        Objects.requireNonNull(origin, "task");
        Objects.requireNonNull(body, "task");
        if (!BOOKKEEPING) {
            return startWithoutRecord(body, afterExit, bubble);
        }
        return start0(origin, body, afterExit, bubble);
    }

    /** Starts {@code task} (Go.go, time.AfterFunc, context.AfterFunc) in {@code bubble} (null: the caller's): the record holds the task itself, no adapter is allocated. */
    public static Thread startTask(Go.Task task, Runnable afterExit, Bubble bubble) {
        Objects.requireNonNull(task, "task");
        if (!BOOKKEEPING) {
            requireNoBubble(bubble);
            return BUILDER.start(() -> runWithoutRecord(task, afterExit)); // one lambda, like the record
        }
        return start0(task, task, afterExit, bubble);
    }

    /** {@code body} is a {@code Go.Task} or a {@link Body}: see {@link #runBody}. */
    private static Thread start0(Object origin, Object body, Runnable afterExit, Bubble bubble) {
        G g = G.create(origin, body, afterExit, TRACE_CREATION ? new Throwable("created here") : null, bubble);
        Thread t = BUILDER.unstarted(g); // the record is the thread's task: no lambda per goroutine
        g.register(t);
        t.start();
        return t;
    }

    /** {@link #start} with the bookkeeping off ({@link #BOOKKEEPING}): no record, the same panic report. */
    private static Thread startWithoutRecord(Body body, Runnable afterExit, Bubble bubble) {
        requireNoBubble(bubble);
        return BUILDER.start(() -> runWithoutRecord(body, afterExit));
    }

    private static void requireNoBubble(Bubble bubble) {
        if (bubble != null) {
            throw new IllegalStateException("a bubble needs goroutine records: -D" + BOOKKEEPING_PROPERTY
                    + "=false is set (internal, for benchmarks only)");
        }
    }

    /** Runs a goroutine's body: a {@code Go.Task} (started by startTask) or a {@link Body}. */
    private static void runBody(Object body) throws Exception {
        if (body instanceof Go.Task task) {
            task.run();
        } else {
            ((Body) body).run();
        }
    }

    private static void runWithoutRecord(Object body, Runnable afterExit) {
        try {
            runBody(body);
        } catch (Throwable e) {
            report(null, e);
        } finally {
            if (afterExit != null) {
                afterExit.run();
            }
        }
    }

    /**
     * Reports a panic of goroutine {@code g}: to its bubble if that takes it ({@link Bubble#panicked}),
     * else to the handler if one is set, else Go's text to stderr.
     */
    public static void report(G g, Throwable e) {
        Bubble b = g == null ? null : g.bubble();
        if (b != null && b.panicked(g, e)) {
            return;
        }
        String text = format(g, e);
        Go.PanicHandler h = handler;
        if (h != null) {
            try {
                h.panicked(e, text);
            } catch (Throwable t) {
                System.err.println("go4j: panic handler failed: " + t);
            }
            return;
        }
        System.err.print(text);
        System.err.flush();
        if (policy == Go.PanicPolicy.EXIT) {
            Runtime.getRuntime().halt(2);
        }
    }

    /** Go's panic report: {@code panic: msg}, blank line, {@code goroutine N [running]:}, stack, created by. */
    public static String format(G g, Throwable e) {
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        w.println("panic: " + e);
        w.println();
        w.println("goroutine " + (g == null ? 1 : g.id()) + " [running]:");
        e.printStackTrace(w);
        if (g != null) {
            w.println("created by " + g.createdBy() + " in goroutine " + g.parentId());
            if (g.creationTrace() != null) {
                for (StackTraceElement el : g.creationTrace().getStackTrace()) {
                    w.println("\t" + el);
                }
            }
        }
        w.flush();
        return out.toString();
    }
}
