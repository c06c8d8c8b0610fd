package io.github.go4j.internal;

import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Registers {@link GoroutineDumpEvent} when the flight recorder starts ({@code jcmd <pid> JFR.start},
 * {@code -XX:StartFlightRecording}, a {@code jdk.jfr.Recording}), or at once if it runs already.
 * Registering at go4j's start instead would start the recorder's metadata, 150-200 ms, in every JVM
 * that loads go4j; the listener costs about a millisecond (ADR 0049). Loaded only when the
 * {@code jdk.jfr} module is present (see {@link Diagnostics}).
 */
final class GoroutineDumpListener implements FlightRecorderListener {

    private GoroutineDumpListener() {}

    static void install() {
        FlightRecorder.addListener(new GoroutineDumpListener());
    }

    @Override
    public void recorderInitialized(FlightRecorder recorder) {
        FlightRecorder.addPeriodicEvent(GoroutineDumpEvent.class, GoroutineDumpEvent::emit);
    }
}
