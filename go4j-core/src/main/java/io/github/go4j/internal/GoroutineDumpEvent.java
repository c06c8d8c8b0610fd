package io.github.go4j.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * The JFR event {@value #NAME}: a goroutine dump in Go's format ({@link Dump#all()}), taken at the end
 * of every chunk of a recording that enables it, that is when the recording is dumped
 * ({@code jcmd <pid> JFR.dump}) or stopped, and when a chunk rotates. Disabled by default; the period
 * can be changed like any periodic event's ({@code +io.github.go4j.GoroutineDump#period=10s}).
 *
 * <p>Loading this class starts the flight recorder's metadata (the JDK instruments event classes as
 * they load), so only {@link GoroutineDumpListener} loads it, once the recorder has started.
 */
@Name(GoroutineDumpEvent.NAME)
@Label("Goroutine Dump")
@Category("go4j")
@Description("Every live goroutine in Go's format, as Go.dump() prints it")
@Enabled(false)
@StackTrace(false)
@Period("endChunk")
final class GoroutineDumpEvent extends Event {

    static final String NAME = "io.github.go4j.GoroutineDump";

    @Label("Goroutines")
    @Description("How many goroutines the dump lists (Go.numGoroutine() minus the main goroutine)")
    int goroutines;

    @Label("Dump")
    @Description("The dump: goroutine N [wait reason]:, the stack, created by ... in goroutine M")
    String dump;

    /** The periodic hook: JFR calls it only while some recording enables the event. */
    static void emit() {
        GoroutineDumpEvent e = new GoroutineDumpEvent();
        e.goroutines = G.liveCount();
        e.dump = Dump.all();
        e.commit();
    }
}
