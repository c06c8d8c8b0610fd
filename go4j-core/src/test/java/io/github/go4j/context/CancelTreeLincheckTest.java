package io.github.go4j.context;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lincheck model checking of the cancel tree (CX02, CX04, CX05, CX07): every explored interleaving of
 * cancels at three levels, children created while their parent is being cancelled, and observations of
 * err/cause/done on any node must be explainable by some sequential order of the same operations.
 * That holds because err()/cause() wait for a cancel in progress to settle (as Go's Err, which locks)
 * and a node's done channel is closed only after its children are done.
 */
@Tag("lincheck")
class CancelTreeLincheckTest {

    static final Exception P = new Exception("P");
    static final Exception C = new Exception("C");

    /** The tree: parent (cause) -> child (cause) -> grandchild (plain). */
    public static class Tree {
        private final CancelCauseContext parent = Context.withCancelCause(Context.background());
        private final CancelCauseContext child = Context.withCancelCause(parent);
        private final CancelContext grandchild = Context.withCancel(child);

        private static String name(Throwable t) {
            if (t == null) {
                return "nil";
            }
            if (t == P || t == C) {
                return t.getMessage();
            }
            return t == Context.CANCELED ? "canceled" : t.toString();
        }

        /**
         * One read per operation: err() and cause() are two separate observations (as in Go), so an
         * operation that read both could see a cancel land between them. cause() alone determines
         * err() in this tree (a cause is set exactly when err becomes CANCELED).
         */
        private static String state(Context c) {
            return name(c.cause());
        }

        @Operation
        public void cancelParent() {
            parent.cancel(P);
        }

        @Operation
        public void cancelChild() {
            child.cancel(C);
        }

        @Operation
        public void cancelGrandchild() {
            grandchild.cancel();
        }

        @Operation
        public String childState() {
            return state(child);
        }

        @Operation
        public String grandchildState() {
            return state(grandchild);
        }

        @Operation
        public String childErr() {
            return name(child.err());
        }

        @Operation
        public String grandchildErr() {
            return name(grandchild.err());
        }

        @Operation
        public boolean grandchildDone() {
            return grandchild.done().tryReceiveOk() != null;
        }

        /** CX05: a child made while its parent may be mid-cancel is either linked or born cancelled. */
        @Operation
        public String newGreatGrandchild() {
            CancelContext c = Context.withCancel(grandchild);
            String s = state(c);
            c.cancel();
            return s;
        }
    }

    @Test
    @DisplayName("Lincheck (CX02, CX04, CX05, CX07): cancels, creation and err/cause/done reads of the tree are linearizable")
    void modelChecking() {
        assertThatCode(() -> new ModelCheckingOptions()
                .iterations(25)
                .invocationsPerIteration(100)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(0)
                .actorsAfter(1)
                .check(Tree.class))
                .doesNotThrowAnyException();
    }
}
