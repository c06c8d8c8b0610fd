package io.github.go4j.synctest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test method, or every test method of a class, as the root goroutine of a synctest
 * bubble ({@link SyncTest#run}): the test body runs on virtual time, and the test waits for every
 * goroutine it started to exit. A bubble deadlock fails the test with a {@link DeadlockError}.
 * {@code @BeforeEach}/{@code @AfterEach} methods run outside the bubble.
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
