package io.github.go4j.context;

import static io.github.go4j.context.ContextTesting.isDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.go4j.context.ContextTesting.OtherContext;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** withValue and withoutCancel: CX10, CX11, CX13; Go's TestValues, TestWithValueChecksKey, TestWithoutCancel. */
class ValuesTest {

    /** Go's {@code type key1 int}: no String method, so it prints as its type name. */
    static final class Key1 {
        final int v;

        Key1(int v) {
            this.v = v;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key1 k && k.v == v;
        }

        @Override
        public int hashCode() {
            return v;
        }
    }

    /** Go's {@code type key2 int} with {@code String() = "%T(%d)"}. */
    record Key2(int v) {
        @Override
        public String toString() {
            return "context_test.key2(" + v + ")";
        }
    }

    static final Key1 K1 = new Key1(1);
    static final Key2 K2 = new Key2(1); // same int as K1, different type
    static final Key2 K3 = new Key2(3); // same type as K2, different int
    static final String KEY1 = Key1.class.getName();

    private static void check(Context c, String name, String v1, String v2, String v3) {
        assertThat(c.value(K1)).as("%s.value(k1)", name).isEqualTo(v1);
        assertThat(c.value(K2)).as("%s.value(k2)", name).isEqualTo(v2);
        assertThat(c.value(K3)).as("%s.value(k3)", name).isEqualTo(v3);
    }

    @Test
    @DisplayName("TestValues (CX10, CX13): lookup walks up, inner shadows outer, a null value hides, String forms")
    void testValues() {
        Context c0 = Context.background();
        check(c0, "c0", null, null, null);

        Context c1 = Context.withValue(Context.background(), K1, "c1k1");
        check(c1, "c1", "c1k1", null, null);
        assertThat(c1).hasToString("context.Background.WithValue(" + KEY1 + ", c1k1)");

        Context c2 = Context.withValue(c1, K2, "c2k2");
        check(c2, "c2", "c1k1", "c2k2", null);
        assertThat(c2).hasToString("context.Background.WithValue(" + KEY1 + ", c1k1).WithValue(context_test.key2(1), c2k2)");

        Context c3 = Context.withValue(c2, K3, "c3k3");
        check(c3, "c3", "c1k1", "c2k2", "c3k3");

        Context c4 = Context.withValue(c3, K1, null);
        check(c4, "c4", null, "c2k2", "c3k3");
        assertThat(c4).hasToString("context.Background.WithValue(" + KEY1 + ", c1k1).WithValue(context_test.key2(1), c2k2)"
                + ".WithValue(context_test.key2(3), c3k3).WithValue(" + KEY1 + ", <nil>)");

        Context o0 = new OtherContext(Context.background());
        check(o0, "o0", null, null, null);

        Context o1 = new OtherContext(Context.withValue(Context.background(), K1, "c1k1"));
        check(o1, "o1", "c1k1", null, null);

        Context o2 = Context.withValue(o1, K2, "o2k2");
        check(o2, "o2", "c1k1", "o2k2", null);

        Context o3 = new OtherContext(c4);
        check(o3, "o3", null, "c2k2", "c3k3");

        Context o4 = Context.withValue(o3, K3, null);
        check(o4, "o4", null, "c2k2", null);
    }

    @Test
    @DisplayName("CX10: keys are compared by value (equals), like Go's comparable keys")
    void keysCompareByValue() {
        Context c = Context.withValue(Context.background(), new Key2(7), "seven");
        assertThat(c.value(new Key2(7))).isEqualTo("seven");
        assertThat(c.value(new Key1(7))).isNull();
        assertThat(Context.withValue(Context.background(), "key", "v").value(new String("key"))).isEqualTo("v");
    }

    @Test
    @DisplayName("TestWithValueChecksKey (CX10): a null key fails with \"nil key\"")
    void nilKey() {
        assertThatThrownBy(() -> Context.withValue(Context.background(), null, "bar"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("nil key");
    }

    @Test
    @DisplayName("CX13: a value that is neither a string nor has its own toString prints as its class name")
    void valueStringify() {
        Context c = Context.withValue(Context.background(), "k", new Object());
        assertThat(c).hasToString("context.Background.WithValue(k, java.lang.Object)");
        Context d = Context.withValue(Context.background(), "k", new StringBuilder("sb"));
        assertThat(d).hasToString("context.Background.WithValue(k, sb)");
        Context e = Context.withValue(Context.todo(), "n", 42);
        assertThat(e).hasToString("context.TODO.WithValue(n, 42)");
    }

    @Test
    @DisplayName("CX10: a chain of 100000 values is searched without recursion")
    void deepChain() {
        Context c = Context.background();
        for (int i = 0; i < 100_000; i++) {
            c = Context.withValue(c, i, i);
        }
        CancelContext leaf = Context.withCancel(c);
        assertThat(leaf.value(0)).isEqualTo(0);
        assertThat(leaf.value(99_999)).isEqualTo(99_999);
        assertThat(leaf.value("absent")).isNull();
        leaf.cancel();
    }

    @Test
    @DisplayName("TestWithoutCancel (CX11): no deadline, nil done, nil err, values kept")
    void testWithoutCancel() {
        Context ctx = Context.withValue(Context.background(), "key", "value");
        ctx = Context.withoutCancel(ctx);
        assertThat(ctx.deadline()).isEmpty();
        assertThat(ctx.done()).isNull();
        assertThat(ctx.err()).isNull();
        assertThat(ctx.cause()).isNull();
        assertThat(ctx.value("key")).isEqualTo("value");
        assertThat(ctx).hasToString("context.Background.WithValue(key, value).WithoutCancel");
    }

    @Test
    @DisplayName("CX11: withoutCancel stays live after its parent is cancelled or times out; its children are independent")
    void withoutCancelAfterParentDone() {
        CancelCauseContext parent = Context.withCancelCause(Context.withValue(Context.background(), "key", "value"));
        CancelContext timed = Context.withTimeout(parent, Duration.ofHours(1));
        Context detached = Context.withoutCancel(timed);
        CancelContext child = Context.withCancel(detached);
        parent.cancel(new Exception("stop"));
        assertThat(timed.err()).isSameAs(Context.CANCELED);
        assertThat(detached.err()).isNull();
        assertThat(detached.cause()).isNull();
        assertThat(detached.deadline()).isEmpty();
        assertThat(detached.value("key")).isEqualTo("value");
        assertThat(isDone(child)).isFalse();
        assertThat(child.cause()).isNull();
        assertThat(child.toString()).startsWith("context.Background.WithValue(key, value).WithCancel.WithDeadline(")
                .endsWith("]).WithoutCancel.WithCancel");
        child.cancel();
        assertThat(child.cause()).isSameAs(Context.CANCELED);
    }
}
