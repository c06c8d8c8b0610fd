package io.github.go4j.internal;

import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Goroutine dumps in Go's format (RU07, RU08), for {@code Go.dump()}, the leak check, the deadlock
 * detector and synctest's deadlock report:
 *
 * <pre>
 * goroutine 7 [chan receive, 2 minutes]:
 * com.example.Worker.run()
 * 	Worker.java:42
 * created by com.example.Main in goroutine 1
 * 	Main.java:17
 * </pre>
 *
 * <p>The header is {@code goroutine <id> [<wait reason>[, N minutes]]:}; the minutes appear once a
 * goroutine has waited a full minute on its own clock (a bubble's virtual clock inside a bubble), as
 * in Go. A goroutine that is not parked in a go4j primitive shows {@code [running]} (it may be
 * runnable, computing, or blocked in something go4j does not see, such as I/O). Frames come from the
 * goroutine's virtual thread, innermost first; the JDK's and go4j's internal frames above the first
 * frame of the program or of go4j's public API are left out, as Go leaves out {@code runtime.*}
 * frames, so the first frame is the one that {@code IgnoreTopFunction}-style filters match. The
 * {@code created by} line names the task's class (for a lambda, the class that wrote it); with
 * {@code -Dgo4j.traceCreation=true} the next line is the place of the {@code go} call.
 *
 * <p>A dump is a weakly consistent snapshot: goroutines start, block and exit while it is taken.
 */
public final class Dump {

    /** Set {@code -Dgo4j.dumpOnExit=true} to print a dump of all goroutines when the JVM shuts down. */
    public static final String DUMP_ON_EXIT_PROPERTY = "go4j.dumpOnExit";

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private Dump() {}

    /** Dumps every live goroutine, ordered by id, separated by blank lines. */
    public static String all() {
        return of(G.live());
    }

    /** Dumps the given goroutines, ordered by id, separated by blank lines. */
    public static String of(Collection<G> goroutines) {
        List<G> gs = new ArrayList<>(goroutines);
        gs.sort(Comparator.comparingLong(G::id));
        StringBuilder sb = new StringBuilder();
        for (G g : gs) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            append(sb, g);
        }
        return sb.toString();
    }

    /** Dumps one goroutine: header, frames, created by. */
    public static String of(G g) {
        StringBuilder sb = new StringBuilder();
        append(sb, g);
        return sb.toString();
    }

    /** Prints a dump of every live goroutine to {@code out}. */
    public static void print(PrintStream out) {
        out.print(all());
        out.flush();
    }

    /**
     * The header of {@code g}: {@code goroutine 7 [chan receive, 2 minutes]:}. The wait reason and
     * the time are read racily and may belong to a wait that has just ended.
     */
    public static String header(G g) {
        WaitReason r = g.waitReason();
        StringBuilder sb = new StringBuilder("goroutine ").append(g.id()).append(" [");
        if (r == null) {
            sb.append("running");
        } else {
            sb.append(r.text());
            long minutes = waitedNanos(g) / MINUTE;
            if (minutes >= 1) {
                sb.append(", ").append(minutes).append(" minutes"); // Go prints "1 minutes" too
            }
        }
        return sb.append("]:").toString();
    }

    /** How long {@code g} has waited in its current wait on its own clock, or 0 when it runs. */
    public static long waitedNanos(G g) {
        if (g.waitReason() == null) {
            return 0;
        }
        Bubble b = g.bubble();
        long now = (b != null ? b.clock() : Clock.system()).nanoTime();
        return Math.max(0, now - g.waitSince());
    }

    /**
     * The frames of {@code g}'s stack that a dump shows: innermost first, without the JDK's and
     * go4j's internal frames on top and without the frames below the task's body that start it.
     */
    public static List<StackTraceElement> frames(G g) {
        Thread t = g.thread();
        StackTraceElement[] all = t == null ? new StackTraceElement[0] : t.getStackTrace();
        // Skip the top run of hidden and JDK frames up to its last hidden one: a goroutine caught inside
        // go4j's internals (publishing its wait, linking a VarHandle) shows no JDK frames called by them,
        // while JDK frames that user code called directly (a queue's take) stay.
        // go4j's non-public frames there (a Mutex's acquireSlow, its WaitNode) are hidden too, so the first
        // frame is the public API call (Mutex.lock), as ADR 0033 promises.
        int from = 0;
        for (int i = 0; i < all.length && (hidden(all[i]) || jdk(all[i]) || nonPublicCore(all[i])); i++) {
            if (hidden(all[i]) || nonPublicCore(all[i])) {
                from = i + 1;
            }
        }
        int to = all.length;
        while (to > from && hidden(all[to - 1])) {
            to--;
        }
        List<StackTraceElement> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(all[i]);
        }
        return out;
    }

    /** The first frame a dump shows for {@code g} (Go's top function), or null when it has none. */
    public static StackTraceElement topFrame(G g) {
        List<StackTraceElement> f = frames(g);
        return f.isEmpty() ? null : f.get(0);
    }

    /** The place of the {@code go} call, when creation tracing is on; else null. */
    public static StackTraceElement creationSite(G g) {
        Throwable trace = g.creationTrace();
        if (trace == null) {
            return null;
        }
        for (StackTraceElement e : trace.getStackTrace()) {
            if (!hidden(e) && !e.getClassName().equals("io.github.go4j.Go")) {
                return e;
            }
        }
        return null;
    }

    /** Appends Go's {@code func()} / {@code \tfile:line} pair for one frame. */
    public static void appendFrame(StringBuilder sb, StackTraceElement e) {
        sb.append(e.getClassName()).append('.').append(e.getMethodName()).append("(...)\n");
        sb.append('\t').append(e.getFileName() == null ? "?" : e.getFileName());
        if (e.getLineNumber() >= 0) {
            sb.append(':').append(e.getLineNumber());
        }
        sb.append('\n');
    }

    private static void append(StringBuilder sb, G g) {
        sb.append(header(g)).append('\n');
        for (StackTraceElement e : frames(g)) {
            appendFrame(sb, e);
        }
        sb.append("created by ").append(g.createdBy()).append(" in goroutine ").append(g.parentId()).append('\n');
        StackTraceElement site = creationSite(g);
        if (site != null) {
            sb.append('\t').append(site.getFileName() == null ? "?" : site.getFileName());
            if (site.getLineNumber() >= 0) {
                sb.append(':').append(site.getLineNumber());
            }
            sb.append('\n');
        }
    }

    private static boolean jdk(StackTraceElement e) {
        String c = e.getClassName();
        return c.startsWith("java.") || c.startsWith("javax.") || c.startsWith("jdk.") || c.startsWith("sun.");
    }

    /**
     * Frames a dump leaves out at the top and bottom of a stack: the JDK's scheduling and parking
     * code, go4j's runtime internals and go4j-test's bubble hooks (Go leaves out {@code runtime.*}).
     */
    static boolean hidden(StackTraceElement e) {
        String c = e.getClassName();
        return c.startsWith("io.github.go4j.internal.")
                || c.startsWith("io.github.go4j.synctest.SyncBubble")
                || c.startsWith("io.github.go4j.synctest.VirtualClock")
                || c.startsWith("java.lang.VirtualThread")
                || c.startsWith("java.lang.Thread")
                || c.startsWith("java.lang.System$")
                || c.startsWith("java.lang.Continuation")
                || c.startsWith("jdk.internal.")
                || c.startsWith("java.util.concurrent.locks.LockSupport");
    }

    /** go4j-core's packages besides {@code internal}: their non-public frames on top of a stack are hidden. */
    private static final Set<String> CORE_PACKAGES = Set.of("io.github.go4j", "io.github.go4j.chan",
            "io.github.go4j.context", "io.github.go4j.sync", "io.github.go4j.time");
    /** {@code class#method} of go4j-core frames to whether a dump hides them; bounded by go4j's methods. */
    private static final ConcurrentHashMap<String, Boolean> NON_PUBLIC = new ConcurrentHashMap<>();

    /**
     * Whether {@code e} is a frame of go4j-core's own code (not a user's class in the same package) in
     * a method that is not public API: not public, or in a class that is not public. Overloads count as
     * public when one of them is.
     */
    static boolean nonPublicCore(StackTraceElement e) {
        String c = e.getClassName();
        int dot = c.lastIndexOf('.');
        if (dot < 0 || !CORE_PACKAGES.contains(c.substring(0, dot))) {
            return false;
        }
        String key = c + '#' + e.getMethodName();
        Boolean known = NON_PUBLIC.get(key);
        if (known == null) {
            known = computeNonPublic(c, e.getMethodName());
            NON_PUBLIC.putIfAbsent(key, known);
        }
        return known;
    }

    private static boolean computeNonPublic(String className, String method) {
        Class<?> cls;
        try {
            cls = Class.forName(className, false, Dump.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        if (cls.getModule() != Dump.class.getModule() || !sameCodeSource(cls)) {
            return false; // a user's or a test's class in one of go4j's packages: its frames are the program's
        }
        for (Class<?> k = cls; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return true;
            }
        }
        if (method.equals("<init>")) {
            for (Constructor<?> k : cls.getDeclaredConstructors()) {
                if (Modifier.isPublic(k.getModifiers())) {
                    return false;
                }
            }
            return true;
        }
        for (Method m : cls.getDeclaredMethods()) {
            if (m.getName().equals(method) && Modifier.isPublic(m.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code cls} comes from the same jar (or module, or class folder) as go4j's runtime. */
    private static boolean sameCodeSource(Class<?> cls) {
        if (cls.getModule().isNamed()) {
            return true;
        }
        ProtectionDomain mine = Dump.class.getProtectionDomain();
        ProtectionDomain theirs = cls.getProtectionDomain();
        CodeSource a = mine == null ? null : mine.getCodeSource();
        CodeSource b = theirs == null ? null : theirs.getCodeSource();
        if (a == null || b == null || a.getLocation() == null || b.getLocation() == null) {
            return a == b;
        }
        return a.getLocation().toString().equals(b.getLocation().toString());
    }

    /** Installs the shutdown hook of {@link #DUMP_ON_EXIT_PROPERTY}; called once when the runtime loads. */
    static void installDumpOnExit() {
        Thread hook = new Thread(() -> {
            System.err.println("go4j: goroutine dump at exit (" + G.liveCount() + " goroutines)\n");
            print(System.err);
        }, "go4j-dump-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }
}
