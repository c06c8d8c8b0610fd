package io.github.go4j.internal;

/**
 * The node of one select case in a channel's wait queue (SE06): the select's cases share one waiter,
 * {@link #owner}, and a waker completes it with the code that names this case. A node of its own kind,
 * so that a plain send's or receive's node (a {@link ChanWaiter}) carries neither field.
 */
final class SelectNode extends ChanWaiter {

    /** The select's shared waiter: whoever completes it decides which case ran. */
    final Waiter owner;
    /** The code {@link #owner} is completed with: {@link Waiter#FIRST_USER_CODE} plus the case's index. */
    final int code;

    SelectNode(Waiter owner, int code, Object elem) {
        super(elem);
        this.owner = owner;
        this.code = code;
    }

    @Override
    boolean wake() {
        return owner.complete(code);
    }

    @Override
    int wakeLocked() {
        return owner.completeLocked(code);
    }

    @Override
    Thread parked() {
        return owner.thread;
    }
}
