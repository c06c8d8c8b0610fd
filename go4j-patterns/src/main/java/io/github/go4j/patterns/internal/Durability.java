package io.github.go4j.patterns.internal;

import io.github.go4j.context.Context;
import io.github.go4j.internal.Bubble;
import io.github.go4j.internal.Bubbles;
import io.github.go4j.internal.WaitReason;

/**
 * Which go4j-test synctest bubble a pattern's object belongs to, and whether a wait on it is durable
 * (TH07, ADR 0048). Go's equivalents are built on channels and {@code WaitGroup}s, which belong to the
 * bubble they were made (or added to) in; a wait on them is durable only for a goroutine of that
 * bubble, since a goroutine outside could otherwise end it while the bubble's clock jumps. The
 * patterns park on a {@code Waiter} directly, so each records its bubble with {@link #here()} and
 * waits with {@link #reason}.
 *
 * <p>Outside bubbles this costs one volatile read when an object is made (no bubble live: no goroutine
 * look-up) and a null test when it waits.
 */
public final class Durability {

    private Durability() {}

    /** The calling goroutine's bubble, or null: looked up only while some bubble is live. */
    public static Bubble here() {
        return Bubbles.any() ? Bubbles.current() : null;
    }

    /**
     * {@code plain.durableVariant()} if {@code owner} is the calling goroutine's bubble, else
     * {@code plain}. No look-up when {@code owner} is null (made outside bubbles).
     */
    public static WaitReason reason(WaitReason plain, Bubble owner) {
        return owner != null && owner == Bubbles.current() ? plain.durableVariant() : plain;
    }

    /**
     * {@link #reason(WaitReason, Bubble)} for a wait that {@code ctx} (null: none) can also end, Go's
     * {@code select} over the object's channel and {@code ctx.Done()}: durable only if, besides, the
     * context's done channel is nil (a background context, never done) or belongs to the caller's
     * bubble. A context made outside may be cancelled from outside while the bubble's clock jumps.
     * Asking for the done channel makes it, as Go's select does.
     */
    public static WaitReason reason(WaitReason plain, Bubble owner, Context ctx) {
        WaitReason r = reason(plain, owner);
        if (r == plain || ctx == null) {
            return r;
        }
        Object done = ctx.done();
        return done == null || Bubbles.owner(done) == owner ? r : plain;
    }
}
