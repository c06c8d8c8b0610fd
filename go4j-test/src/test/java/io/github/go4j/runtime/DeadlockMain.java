package io.github.go4j.runtime;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;

/** Go's classic deadlock, run in a child JVM by {@link DeadlockExitTest}: main waits for a goroutine that waits for main. */
public final class DeadlockMain {

    private DeadlockMain() {}

    public static void main(String[] args) throws InterruptedException {
        Channel<Integer> ping = Channel.make();
        Channel<Integer> pong = Channel.make();
        Go.go(() -> pong.send(ping.receive()));
        pong.receive(); // nobody sends on ping
        System.out.println("unreachable");
    }
}
