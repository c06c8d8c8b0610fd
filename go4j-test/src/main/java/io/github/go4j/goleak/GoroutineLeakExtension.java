package io.github.go4j.goleak;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JUnit 5 extension behind {@link VerifyNoLeaks}: snapshots the live goroutines before each test
 * and, after it, fails the test if others are still alive after {@link GoLeak}'s retries. Register it
 * with {@code @ExtendWith(GoroutineLeakExtension.class)}, or as a field with options:
 *
 * {@snippet :
 * @RegisterExtension
 * static GoroutineLeakExtension leaks = new GoroutineLeakExtension(GoLeak.ignoreCreatedBy("com.example.Cache"));
 * }
 */
public final class GoroutineLeakExtension implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(GoroutineLeakExtension.class);
    private static final String BEFORE = "before";

    private final List<GoLeak.Option> options;

    /** The extension {@link VerifyNoLeaks} registers: only the annotations' options. */
    public GoroutineLeakExtension() {
        this(new GoLeak.Option[0]);
    }

    /** An extension that applies {@code options} on top of the annotations' ones. */
    public GoroutineLeakExtension(GoLeak.Option... options) {
        this.options = List.of(options);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put(BEFORE, GoLeak.ignoreCurrent());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (context.getExecutionException().isPresent()) {
            return;
        }
        List<GoLeak.Option> all = new ArrayList<>(options);
        all.add(context.getStore(NS).get(BEFORE, GoLeak.Option.class));
        addFrom(context.getTestMethod().map(m -> (AnnotatedElement) m), all);
        addFrom(context.getTestClass().map(c -> (AnnotatedElement) c), all);
        GoLeak.verifyNone(all.toArray(GoLeak.Option[]::new));
    }

    private static void addFrom(Optional<AnnotatedElement> element, List<GoLeak.Option> all) {
        if (element.isEmpty()) {
            return;
        }
        VerifyNoLeaks a = element.get().getAnnotation(VerifyNoLeaks.class);
        if (a == null) {
            return;
        }
        Arrays.stream(a.ignoreTopFunctions()).map(GoLeak::ignoreTopFunction).forEach(all::add);
        Arrays.stream(a.ignoreAnyFunctions()).map(GoLeak::ignoreAnyFunction).forEach(all::add);
        Arrays.stream(a.ignoreCreatedBy()).map(GoLeak::ignoreCreatedBy).forEach(all::add);
    }
}
