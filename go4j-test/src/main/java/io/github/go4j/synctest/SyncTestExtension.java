package io.github.go4j.synctest;

import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The JUnit 5 extension behind {@link SyncTestVirtualTime}: runs each test method (plain,
 * parameterized or repeated) inside a new synctest bubble. Can also be registered directly with
 * {@code @ExtendWith(SyncTestExtension.class)}.
 */
public final class SyncTestExtension implements InvocationInterceptor {

    /** The extension; JUnit creates it. */
    public SyncTestExtension() {}

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        inBubble(invocation);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        inBubble(invocation);
    }

    private static void inBubble(Invocation<Void> invocation) throws Exception {
        SyncTest.run(() -> {
            try {
                invocation.proceed();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new UndeclaredThrowableException(t);
            }
        });
    }
}
