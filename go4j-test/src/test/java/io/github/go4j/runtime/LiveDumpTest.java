package io.github.go4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.internal.Diagnostics;
import io.github.go4j.internal.WaitReason;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Goroutine dumps of a live JVM from outside: the JFR event and the MBean (ADR 0049, RU08). */
@Timeout(60)
public class LiveDumpTest {

    private static final String EVENT = "io.github.go4j.GoroutineDump";

    /** Starts goroutines blocked in a channel receive, waits until they are parked, returns their threads. */
    private static List<Thread> blockedReceivers(Channel<Integer> c, int n) {
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ts.add(Go.go(() -> c.receive()));
        }
        for (Thread t : ts) {
            DumpTest.waitFor(t, WaitReason.CHAN_RECEIVE);
        }
        return ts;
    }

    private static void release(Channel<Integer> c, List<Thread> ts) throws InterruptedException {
        c.close();
        for (Thread t : ts) {
            t.join();
        }
    }

    @Test
    @DisplayName("RU08: a recording that enables io.github.go4j.GoroutineDump holds Go's dump when it stops")
    void jfrEventCarriesTheDump(@TempDir Path dir) throws Exception {
        Channel<Integer> c = Channel.make();
        List<Thread> ts = blockedReceivers(c, 3);
        try {
            Path file = dir.resolve("go4j.jfr");
            try (Recording r = new Recording()) { // starts the flight recorder: go4j registers the event now
                r.enable(EVENT);
                r.start();
                r.stop(); // ends the chunk: the periodic "endChunk" event fires here
                r.dump(file);
            }
            List<RecordedEvent> dumps = new ArrayList<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (e.getEventType().getName().equals(EVENT)) {
                    dumps.add(e);
                }
            }
            assertThat(dumps).isNotEmpty();
            RecordedEvent last = dumps.get(dumps.size() - 1);
            String dump = last.getString("dump");
            for (Thread t : ts) {
                assertThat(dump).contains("goroutine " + DumpTest.idOf(t) + " [chan receive]:\n");
            }
            assertThat(last.getInt("goroutines")).isGreaterThanOrEqualTo(ts.size());
            assertThat(last.getEventType().getCategoryNames()).containsExactly("go4j");
        } finally {
            release(c, ts);
        }
    }

    @Test
    @DisplayName("RU08: the event is off unless a recording enables it (a default recording has no dump)")
    void jfrEventIsDisabledByDefault(@TempDir Path dir) throws Exception {
        Go.numGoroutine(); // go4j's runtime is loaded
        Path file = dir.resolve("plain.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.JVMInformation"); // something periodic, so the file has events
            r.start();
            r.stop();
            r.dump(file);
        }
        assertThat(RecordingFile.readAllEvents(file)).noneMatch(e -> e.getEventType().getName().equals(EVENT));
        assertThat(FlightRecorder.getFlightRecorder().getEventTypes())
                .anyMatch(t -> t.getName().equals(EVENT) && !t.isEnabled());
    }

    @Test
    @DisplayName("RU08: the MBean io.github.go4j:type=Goroutines answers NumGoroutine and dump()")
    void mbean() throws Exception {
        Channel<Integer> c = Channel.make();
        List<Thread> ts = blockedReceivers(c, 2);
        try {
            assertThat(Diagnostics.registerMBean()).isTrue();
            assertThat(Diagnostics.registerMBean()).isTrue(); // twice is fine
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("io.github.go4j:type=Goroutines");
            assertThat((Integer) server.getAttribute(name, "NumGoroutine")).isGreaterThanOrEqualTo(ts.size() + 1);
            String dump = (String) server.invoke(name, "dump", null, null);
            for (Thread t : ts) {
                assertThat(dump).contains("goroutine " + DumpTest.idOf(t) + " [chan receive]:\n");
            }
        } finally {
            release(c, ts);
        }
    }

    /** Run in a fresh JVM by {@link #loadingGo4jStartsNoRecorder}: starts a goroutine, then reports. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            Go.go(() -> {}).join();
            System.out.println("jfr initialized: " + FlightRecorder.isInitialized());
        }
    }

    @Test
    @DisplayName("ADR 0049: loading go4j hooks the flight recorder but starts neither it nor JMX (a fresh JVM)")
    void loadingGo4jStartsNoRecorder() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xshare:auto", "-Xlog:class+load=info",
                "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("jfr initialized: false")
                .contains("jdk.jfr.FlightRecorderListener") // the listener is there...
                .doesNotContain("jdk.jfr.internal.MetadataRepository") // ...the recorder's metadata is not
                .doesNotContain("io.github.go4j.internal.GoroutineDumpEvent")
                .doesNotContain("javax.management.MBeanServer ");
    }
}
