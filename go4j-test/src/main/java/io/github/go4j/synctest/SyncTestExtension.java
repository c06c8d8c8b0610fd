package io.github.go4j.synctest;

import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The JUnit 5 extension behind {@link SyncTestVirtualTime}: runs each test (plain, parameterized or
 * repeated) inside a new synctest bubble, together with its {@code @BeforeEach} and {@code @AfterEach}
 * methods (TH11: Go runs {@code t.Cleanup} inside the bubble). Can also be registered directly with
 * {@code @ExtendWith(SyncTestExtension.class)}.
 *
 * <p>The bubble starts in this extension's {@code beforeEach} callback. Its root goroutine runs the
 * {@code @BeforeEach} methods, the test method and the {@code @AfterEach} methods one after the other,
 * as one sequential function would: goroutines started by a {@code @BeforeEach} method belong to the
 * bubble and keep running during the test, and the clock does not move between the methods (the root
 * counts as running while JUnit works between them). In the {@code afterEach} callback the root
 * returns and the test waits for every goroutine of the bubble to exit; a deadlock or a panic of a
 * bubble goroutine fails the test (with {@link DeadlockError} or the panic itself). After such a
 * failure the remaining lifecycle methods of the test are skipped.
 *
 * <p>The dynamic tests of a {@code @TestFactory} method run in one bubble, with the factory's
 * {@code @BeforeEach} and {@code @AfterEach} methods; the factory method itself, which only builds
 * them, runs outside. Also outside the bubble: constructors and field initializers of the test class,
 * {@code @BeforeAll} and {@code @AfterAll} methods, and other extensions' callbacks.
 */
public final class SyncTestExtension implements BeforeEachCallback, AfterEachCallback, InvocationInterceptor {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SyncTestExtension.class);
    private static final String SESSION = "session";

    /** The extension; JUnit creates it. */
    public SyncTestExtension() {}

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put(SESSION, BubbleSession.open(context.getTestInstance().orElse(this)));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        BubbleSession s = context.getStore(NS).remove(SESSION, BubbleSession.class);
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        inBubble(invocation, extensionContext, false);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        inBubble(invocation, extensionContext, true);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        inBubble(invocation, extensionContext, true);
    }

    /**
     * The dynamic tests of a {@code @TestFactory} run in the bubble opened for the factory method: one
     * bubble for all of them, between the factory's {@code @BeforeEach} and {@code @AfterEach} methods.
     */
    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        inBubble(invocation, extensionContext, false);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        inBubble(invocation, extensionContext, false);
    }

    private static void inBubble(Invocation<Void> invocation, ExtensionContext context, boolean testMethod)
            throws Throwable {
        BubbleSession s = context.getStore(NS).get(SESSION, BubbleSession.class);
        if (s != null) {
            s.call(invocation);
        } else if (testMethod) {
            // No session (the callbacks did not run for this context): a bubble for the body alone.
            SyncTest.run(() -> {
                try {
                    invocation.proceed();
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new UndeclaredThrowableException(t);
                }
            });
        } else {
            invocation.proceed();
        }
    }
}
