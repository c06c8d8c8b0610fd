package io.github.go4j.synctest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test method, or every test method of a class, in a synctest bubble
 * ({@link SyncTest#run}): the test body runs on virtual time, and the test waits for every goroutine
 * it started to exit. A bubble deadlock fails the test with a {@link DeadlockError}, a panic of a
 * bubble goroutine with that exception. The test's {@code @BeforeEach} and {@code @AfterEach} methods
 * run in the same bubble, on its root goroutine, before and after the body (TH11: Go runs
 * {@code t.Cleanup} inside the bubble); see {@link SyncTestExtension} for what runs outside.
 *
 * {@snippet :
 * @Test
 * @SyncTestVirtualTime
 * void timeoutFires() throws Exception {
 *     ReceiveChannel<Instant> timeout = Time.after(Duration.ofHours(1));
 *     timeout.receive();                                   // returns at once, in real time
 *     assertThat(Time.now()).isEqualTo(Instant.parse("2000-01-01T01:00:00Z"));
 * }
 * }
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(SyncTestExtension.class)
public @interface SyncTestVirtualTime {}
