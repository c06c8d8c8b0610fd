package io.github.go4j.context;

import static io.github.go4j.context.ContextTesting.isDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Roots and error values: CX01, CX02; Go's TestBackground, TestTODO, TestDeadlineExceededSupportsTimeout. */
class RootsTest {

    @Test
    @DisplayName("TestBackground / TestTODO (CX01): done()==null, err()==null, no deadline, no values, Go's names")
    void roots() {
        for (Context c : new Context[] {Context.background(), Context.todo()}) {
            assertThat(c).isNotNull();
            assertThat(c.done()).isNull();
            assertThat(isDone(c)).isFalse();
            assertThat(c.err()).isNull();
            assertThat(c.cause()).isNull();
            assertThat(c.deadline()).isEmpty();
            assertThat(c.value("anything")).isNull();
        }
        assertThat(Context.background()).hasToString("context.Background");
        assertThat(Context.todo()).hasToString("context.TODO");
        assertThat(Context.background()).isSameAs(Context.background());
        assertThat(Context.todo()).isNotSameAs(Context.background());
    }

    @Test
    @DisplayName("CX02: Canceled and DeadlineExceeded have Go's messages; only DeadlineExceeded is a timeout / temporary")
    void errorValues() {
        assertThat(Context.CANCELED).hasMessage("context canceled");
        assertThat(Context.CANCELED.toString()).endsWith(": context canceled");
        assertThat(Context.CANCELED.timeout()).isFalse();
        assertThat(Context.CANCELED.temporary()).isFalse();
        assertThat(Context.DEADLINE_EXCEEDED).hasMessage("context deadline exceeded");
        assertThat(Context.DEADLINE_EXCEEDED.timeout()).isTrue();
        assertThat(Context.DEADLINE_EXCEEDED.temporary()).isTrue();
        assertThat(Context.CANCELED).isInstanceOf(ContextException.class).isInstanceOf(CanceledException.class);
        assertThat(Context.DEADLINE_EXCEEDED).isInstanceOf(ContextException.class).isInstanceOf(DeadlineExceededException.class);
    }

    @Test
    @DisplayName("CX02: the shared error values are immutable: no stack trace, no suppressed, no cause can be attached")
    void errorValuesAreImmutable() {
        assertThat(Context.CANCELED.getStackTrace()).isEmpty();
        Context.CANCELED.addSuppressed(new Exception("x"));
        assertThat(Context.CANCELED.getSuppressed()).isEmpty();
        assertThatThrownBy(() -> Context.DEADLINE_EXCEEDED.initCause(new Exception("x"))).isInstanceOf(IllegalStateException.class);
        Context.DEADLINE_EXCEEDED.setStackTrace(new StackTraceElement[] {new StackTraceElement("a", "b", "c", 1)});
        assertThat(Context.DEADLINE_EXCEEDED.getStackTrace()).isEmpty();
    }

    @Test
    @DisplayName("CX02: identity survives serialization, so err == Context.CANCELED keeps working")
    void serializationKeepsIdentity() throws Exception {
        for (ContextException e : new ContextException[] {Context.CANCELED, Context.DEADLINE_EXCEEDED}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(e);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                assertThat(in.readObject()).isSameAs(e);
            }
        }
    }

    @Test
    @DisplayName("CX02: err() is null until done, then never changes")
    void errNeverChanges() {
        CancelContext c = Context.withTimeout(Context.background(), java.time.Duration.ZERO);
        assertThat(c.err()).isSameAs(Context.DEADLINE_EXCEEDED);
        c.cancel();
        assertThat(c.err()).isSameAs(Context.DEADLINE_EXCEEDED);
    }

    @Test
    @DisplayName("CX13: Go's time.Duration.String() forms used in WithDeadline strings")
    void durationStrings() {
        assertThat(Names.duration(0)).isEqualTo("0s");
        assertThat(Names.duration(1)).isEqualTo("1ns");
        assertThat(Names.duration(999)).isEqualTo("999ns");
        assertThat(Names.duration(1_500)).isEqualTo("1.5µs");
        assertThat(Names.duration(1_000_000)).isEqualTo("1ms");
        assertThat(Names.duration(1_000_001)).isEqualTo("1.000001ms");
        assertThat(Names.duration(999_999_999)).isEqualTo("999.999999ms");
        assertThat(Names.duration(1_000_000_000)).isEqualTo("1s");
        assertThat(Names.duration(1_500_000_000)).isEqualTo("1.5s");
        assertThat(Names.duration(90_000_000_000L)).isEqualTo("1m30s");
        assertThat(Names.duration(3_600_000_000_000L)).isEqualTo("1h0m0s");
        assertThat(Names.duration(3_723_004_000_000L)).isEqualTo("1h2m3.004s");
        assertThat(Names.duration(-1_500_000_000L)).isEqualTo("-1.5s");
        assertThat(Names.duration(-5)).isEqualTo("-5ns");
        assertThat(Names.duration(Long.MAX_VALUE)).isEqualTo("2562047h47m16.854775807s");
        assertThat(Names.duration(Long.MIN_VALUE)).isEqualTo("-2562047h47m16.854775808s");
    }
}
