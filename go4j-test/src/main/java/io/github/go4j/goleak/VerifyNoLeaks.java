package io.github.go4j.goleak;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a JUnit 5 test whose goroutines outlive it: after each test method (of the annotated class,
 * or the annotated method), {@link GoLeak#verifyNone} runs, ignoring the goroutines that were alive
 * before the test and those the attributes name. A test that failed anyway is not checked (its
 * goroutines are often left behind by the failure itself), as {@code goleak.VerifyTestMain} does
 * (TH03).
 *
 * {@snippet :
 * @VerifyNoLeaks(ignoreTopFunctions = "com.example.Metrics.flushLoop")
 * class WorkerPoolTest {
 *     @Test
 *     void stopsItsWorkers() throws Exception { ... }
 * }
 * }
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(GoroutineLeakExtension.class)
public @interface VerifyNoLeaks {

    /** Goroutines whose top frame is one of these ({@code package.Class.method}) are not leaks. */
    String[] ignoreTopFunctions() default {};

    /** Goroutines with one of these anywhere in their stack are not leaks. */
    String[] ignoreAnyFunctions() default {};

    /** Goroutines whose {@code created by} name starts with one of these are not leaks. */
    String[] ignoreCreatedBy() default {};
}
