package io.github.go4j.bench;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;
import kotlinx.coroutines.channels.BufferOverflow;
import kotlinx.coroutines.channels.ChannelKt;

/**
 * The one operation pair every channel-like peer supports: a blocking send and a blocking receive. Each JMH
 * fork uses one implementation only, so the call sites stay monomorphic.
 */
interface BenchChannel {
    /** The message every benchmark sends (a shared constant: no allocation per message). */
    Object MSG = Integer.valueOf(42);
    /** A second constant, used as a stop sentinel or a "no value" marker. */
    Object STOP = "stop";

    void send(Object v) throws InterruptedException;

    Object receive() throws InterruptedException;

    /**
     * Makes a channel. impl: go4j, jox, kotlinx, SynchronousQueue, LinkedTransferQueue, ArrayBlockingQueue, or
     * juc (SynchronousQueue when capacity is 0, else ArrayBlockingQueue).
     */
    static BenchChannel make(String impl, int capacity) {
        return switch (impl) {
            case "go4j" -> new Go4j(io.github.go4j.chan.Channel.make(capacity));
            case "jox" -> new Jox(capacity == 0
                    ? com.softwaremill.jox.Channel.newRendezvousChannel()
                    : com.softwaremill.jox.Channel.newBufferedChannel(capacity));
            case "kotlinx" -> new Kotlinx(ChannelKt.Channel(capacity, BufferOverflow.SUSPEND, null));
            case "SynchronousQueue" -> {
                requireCapacity(impl, capacity, 0);
                yield new Queue(new SynchronousQueue<>());
            }
            case "LinkedTransferQueue" -> {
                requireCapacity(impl, capacity, 0);
                yield new Transfer(new LinkedTransferQueue<>());
            }
            case "ArrayBlockingQueue" -> new Queue(new ArrayBlockingQueue<>(capacity));
            case "juc" -> capacity == 0
                    ? new Queue(new SynchronousQueue<>())
                    : new Queue(new ArrayBlockingQueue<>(capacity));
            default -> throw new IllegalArgumentException("unknown implementation " + impl);
        };
    }

    private static void requireCapacity(String impl, int capacity, int expected) {
        if (capacity != expected) {
            throw new IllegalArgumentException(impl + " cannot have capacity " + capacity);
        }
    }

    record Go4j(io.github.go4j.chan.Channel<Object> ch) implements BenchChannel {
        @Override
        public void send(Object v) throws InterruptedException {
            ch.send(v);
        }

        @Override
        public Object receive() throws InterruptedException {
            return ch.receive();
        }
    }

    record Jox(com.softwaremill.jox.Channel<Object> ch) implements BenchChannel {
        @Override
        public void send(Object v) throws InterruptedException {
            ch.send(v);
        }

        @Override
        public Object receive() throws InterruptedException {
            return ch.receive();
        }
    }

    /** kotlinx's suspend functions called from a virtual thread with a parking continuation (see Parker). */
    record Kotlinx(kotlinx.coroutines.channels.Channel<Object> ch) implements BenchChannel {
        @Override
        public void send(Object v) {
            Parker p = new Parker();
            p.await(ch.send(v, p));
        }

        @Override
        public Object receive() {
            Parker p = new Parker();
            return p.await(ch.receive(p));
        }
    }

    record Queue(BlockingQueue<Object> q) implements BenchChannel {
        @Override
        public void send(Object v) throws InterruptedException {
            q.put(v);
        }

        @Override
        public Object receive() throws InterruptedException {
            return q.take();
        }
    }

    /** LinkedTransferQueue used as a rendezvous: transfer waits until a receiver takes the element. */
    record Transfer(LinkedTransferQueue<Object> q) implements BenchChannel {
        @Override
        public void send(Object v) throws InterruptedException {
            q.transfer(v);
        }

        @Override
        public Object receive() throws InterruptedException {
            return q.take();
        }
    }
}
