package io.github.go4j.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ways to take a goroutine dump of a live JVM from outside it (ADR 0049), installed once when go4j's
 * runtime loads ({@code Go}'s static initializer):
 *
 * <ul>
 *   <li>JFR, on by default: the event {@code io.github.go4j.GoroutineDump} ({@link GoroutineDumpEvent})
 *       carries {@link Dump#all()} at the end of each chunk of a recording that enables it, so
 *       {@code jcmd <pid> JFR.start settings=none +io.github.go4j.GoroutineDump#enabled=true} then
 *       {@code jcmd <pid> JFR.dump filename=x.jfr} and {@code jfr print --events
 *       io.github.go4j.GoroutineDump x.jfr} print it. Installing costs a listener on the JDK's flight
 *       recorder (about a millisecond); the event itself is registered only when the recorder starts,
 *       so a JVM that never records pays nothing more. {@code -Dgo4j.jfr=false} turns it off; a runtime
 *       image without the {@code jdk.jfr} module skips it.
 *   <li>JMX, off by default ({@code -Dgo4j.jmx=true}): the MBean {@value GoroutinesMBean#NAME} with the
 *       attribute {@code NumGoroutine} and the operation {@code dump()}, for JConsole, VisualVM or
 *       jmxterm. Opt-in because creating the platform MBean server costs a few hundred milliseconds.
 * </ul>
 *
 * <p>Neither is a dependency: go4j-core reads these modules only with {@code requires static}, and the
 * classes that use them are loaded only after checking that the module is there.
 */
public final class Diagnostics {

    /** {@code -Dgo4j.jfr=false} leaves the JFR event out. */
    public static final String JFR_PROPERTY = "go4j.jfr";
    /** {@code -Dgo4j.jmx=true} registers the MBean {@value GoroutinesMBean#NAME} at start. */
    public static final String JMX_PROPERTY = "go4j.jmx";

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private Diagnostics() {}

    /** Installs what the properties ask for; only the first call does anything. Never throws. */
    public static void install() {
        if (!INSTALLED.compareAndSet(false, true)) {
            return;
        }
        if (!"false".equalsIgnoreCase(System.getProperty(JFR_PROPERTY)) && canUse("jdk.jfr")) {
            try {
                GoroutineDumpListener.install();
            } catch (LinkageError | RuntimeException e) {
                // No flight recorder in this JVM (or it refused the listener): nothing to hook.
            }
        }
        if (Boolean.getBoolean(JMX_PROPERTY)) {
            registerMBean();
        }
    }

    /**
     * Registers the MBean {@value GoroutinesMBean#NAME} on the platform MBean server, once per class
     * loader of go4j (a second registration under the same name is ignored).
     *
     * @return whether the MBean is registered after the call (false without {@code java.management})
     */
    public static boolean registerMBean() {
        if (!canUse("java.management")) {
            return false;
        }
        try {
            return GoroutinesMBean.register();
        } catch (LinkageError | RuntimeException e) {
            System.err.println("go4j: could not register " + GoroutinesMBean.NAME + ": " + e);
            return false;
        }
    }

    /** Whether the module {@code name} is in this runtime and go4j can read it. */
    static boolean canUse(String name) {
        Module me = Diagnostics.class.getModule();
        ModuleLayer layer = me.getLayer() != null ? me.getLayer() : ModuleLayer.boot();
        Optional<Module> m = layer.findModule(name);
        return m.isPresent() && (!me.isNamed() || me.canRead(m.get()));
    }
}
