package io.github.go4j.examples;

import io.github.go4j.Go;
import io.github.go4j.chan.Channel;
import io.github.go4j.chan.Select;
import io.github.go4j.sync.RWMutex;
import io.github.go4j.sync.WaitGroup;
import io.github.go4j.time.Time;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Exercise 5 (solution): a message broker routing two publishers' messages to three subscribers by topic. */
public final class Exercise5 extends Program {

    /** The program, run in {@code env}. */
    public Exercise5(Env env) {
        super(env);
    }

    record Message(String topic, String payload, Object sentAt) {}

    final class Subscriber {
        final int id;
        final Set<String> topics; // Go: map[string]bool; Go prints it in random order, Java in insertion order
        final Channel<Message> messages;

        Subscriber(int id, List<String> topics) {
            this.id = id;
            this.topics = new LinkedHashSet<>(topics);
            this.messages = Channel.make(10);
        }

        void start(WaitGroup wg) throws InterruptedException {
            try { // defer wg.Done()
                printf("Subscriber %d: Started (topics: ", id);
                boolean first = true;
                for (String topic : topics) {
                    if (!first) {
                        print(", ");
                    }
                    print(topic);
                    first = false;
                }
                println(")");

                int messageCount = 0;

                for (Message msg : messages) {
                    messageCount++;
                    printf("Subscriber %d: Received [%s] %s\n", id, msg.topic(), msg.payload());
                    Time.sleep(ms(50)); // Simulate processing
                }

                printf("Subscriber %d: Stopped (received %d messages)\n", id, messageCount);
            } finally {
                wg.done();
            }
        }
    }

    Subscriber newSubscriber(int id, List<String> topics) {
        return new Subscriber(id, topics);
    }

    final class MessageBroker {
        final List<Subscriber> subscribers = new ArrayList<>();
        final Channel<Message> incoming = Channel.make(50);
        final RWMutex mu = new RWMutex();

        void subscribe(Subscriber subscriber) {
            mu.lock();
            try { // defer mb.mu.Unlock()
                subscribers.add(subscriber);
                printf("Broker: Registered subscriber %d\n", subscriber.id);
            } finally {
                mu.unlock();
            }
        }

        void start(WaitGroup wg) throws InterruptedException {
            try { // defer wg.Done()
                println("Broker: Started");
                int messagesRouted = 0;

                for (Message msg : incoming) {
                    messagesRouted++;
                    printf("Broker: Routing [%s] %s\n", msg.topic(), msg.payload());

                    mu.rLock();
                    for (Subscriber sub : subscribers) {
                        if (sub.topics.contains(msg.topic())) {
                            Select.select(
                                    sub.messages.onSend(msg, () -> {
                                        // Message delivered
                                    }),
                                    Select.otherwise(() -> {
                                        printf("Broker: Warning - Subscriber %d channel full\n", sub.id);
                                    }));
                        }
                    }
                    mu.rUnlock();
                }

                // Close all subscriber channels
                mu.lock();
                for (Subscriber sub : subscribers) {
                    sub.messages.close();
                }
                mu.unlock();

                printf("Broker: Stopped (routed %d messages)\n", messagesRouted);
            } finally {
                wg.done();
            }
        }

        void publish(Message msg) throws InterruptedException {
            incoming.send(msg);
        }

        void shutdown() {
            incoming.close();
        }
    }

    void publisher(int id, MessageBroker broker, List<String> topics, int count, WaitGroup wg)
            throws InterruptedException {
        try { // defer wg.Done()
            printf("Publisher %d: Started\n", id);

            for (int i = 1; i <= count; i++) {
                String topic = topics.get(i % topics.size());
                var msg = new Message(topic, sprintf("Message %d from Publisher %d", i, id), Time.now());

                broker.publish(msg);
                printf("Publisher %d: Published [%s] %s\n", id, msg.topic(), msg.payload());

                Time.sleep(ms(200));
            }

            printf("Publisher %d: Finished\n", id);
        } finally {
            wg.done();
        }
    }

    @Override
    public void main() throws Exception {
        println("=== Message Broker Demo ===\n");

        // Create broker
        var broker = new MessageBroker();

        // Create subscribers with different topic interests
        var sub1 = newSubscriber(1, List.of("orders", "payments"));
        var sub2 = newSubscriber(2, List.of("payments", "notifications"));
        var sub3 = newSubscriber(3, List.of("orders", "notifications"));

        // Register subscribers
        broker.subscribe(sub1);
        broker.subscribe(sub2);
        broker.subscribe(sub3);

        var wg = new WaitGroup();

        // Start broker
        wg.add(1);
        Go.go(() -> broker.start(wg));

        // Start subscribers
        wg.add(3);
        Go.go(() -> sub1.start(wg));
        Go.go(() -> sub2.start(wg));
        Go.go(() -> sub3.start(wg));

        // Give broker and subscribers time to start
        Time.sleep(ms(100));

        // Start publishers
        println();
        wg.add(2);
        Go.go(() -> publisher(1, broker, List.of("orders", "payments"), 6, wg));
        Go.go(() -> publisher(2, broker, List.of("notifications", "orders"), 6, wg));

        // Wait for publishers to finish
        Time.sleep(seconds(3));

        // Shutdown broker
        println("\nInitiating shutdown...");
        broker.shutdown();

        // Wait for all goroutines to complete
        wg.await();

        println("\n=== Demo Complete ===");
    }
}
