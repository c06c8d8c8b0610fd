package io.github.go4j.internal;

import io.github.go4j.chan.ReceiveChannel;
import io.github.go4j.chan.Select;
import io.github.go4j.chan.SendChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Go's {@code runtime/select.go}: the select statement over {@link Chan}s.
 *
 * <h2>Algorithm</h2>
 * <ol>
 * <li>Pick a uniformly random poll order of the cases (SE02) and sort the distinct channels by id
 * (the global lock order, so two selects never deadlock on each other's locks).</li>
 * <li>Try the cases in poll order, each under its own channel's lock, skipping channels that a
 * lock-free look shows not ready; the first that proceeds wins.</li>
 * <li>Lock every channel; poll the cases in poll order, each as a non-blocking operation. The first
 * that can proceed is performed, the locks are released and its body runs. A send case on a closed
 * channel throws "send on closed channel" when its turn comes (SE07).</li>
 * <li>If none can proceed: with a default clause, unlock and run it (SE03: the poll saw every case
 * not ready while holding all the locks, one atomic observation). Otherwise queue one node per case
 * (SE06) on its channel, all sharing one {@link Waiter}, unlock, and park. A waker completes the shared
 * waiter with {@code FIRST_USER_CODE + caseIndex}, so exactly one case wins; timeout clauses complete
 * it from a clock callback.</li>
 * <li>After waking, lock every channel again and remove the nodes that wakers have not already
 * dequeued; then run the chosen case's body.</li>
 * </ol>
 * A select never pairs with itself (SE05): its nodes are only queued after its own polling is over,
 * and only other goroutines' operations pair with queued nodes.
 *
 * <p><b>Bubbles</b> (TH07, TH10, SE10). Before anything else, every case on a {@linkplain Chan#bubbled()
 * bubble channel} is checked to come from that channel's bubble, with Go's messages: a case and a
 * default (Go's {@code selectnbsend}/{@code selectnbrecv}) fails as the send or receive would ("send on
 * synctest channel from outside bubble"), any other select with "select on synctest channel from
 * outside bubble". A blocked select records {@link WaitReason#SELECT_DURABLE} inside a bubble when every
 * channel case is on a bubble channel (nil channels and timeout clauses do not count against it), else
 * the plain, non-durable {@link WaitReason#SELECT}.
 */
public final class SelectImpl {

    private SelectImpl() {}

    // ===================================================================================================
    // Clause factories
    // ===================================================================================================

    /** Default clause. */
    public static <R> Select.Clause<R> otherwise(Object body) {
        return new SelectClause<>(SelectClause.DEFAULT, null, null, 0, Objects.requireNonNull(body, "body"));
    }

    /** Timeout clause: ready once {@code d} has passed since the select began. */
    public static <R> Select.Clause<R> onTimeout(Duration d, Object body) {
        return new SelectClause<>(SelectClause.TIMEOUT, null, null, Chan.toNanos(d), Objects.requireNonNull(body, "body"));
    }

    /** Receive clause; null channel never ready; null body returns the value. */
    public static <R> Select.Clause<R> onReceive(ReceiveChannel<?> ch, Object body) {
        return new SelectClause<>(SelectClause.RECEIVE, Chan.of(ch), null, 0, body);
    }

    /** Receive-ok clause; null channel never ready. */
    public static <R> Select.Clause<R> onReceiveOk(ReceiveChannel<?> ch, Object body) {
        return new SelectClause<>(SelectClause.RECEIVE, Chan.of(ch), null, 0, Objects.requireNonNull(body, "body"));
    }

    /** Send clause; null channel never ready; null body returns null. */
    public static <R> Select.Clause<R> onSend(SendChannel<?> ch, Object value, Object body) {
        Objects.requireNonNull(value, "a channel element must not be null: null is what a closed channel gives");
        return new SelectClause<>(SelectClause.SEND, Chan.of(ch), value, 0, body);
    }

    // ===================================================================================================
    // select
    // ===================================================================================================

    /**
     * Runs a select. Kept small so that the JIT can inline it into a polling loop: with the two-clause
     * shortcuts below, C2 then scalar-replaces the clause objects and the varargs array (ADR 0003). The
     * poll (one channel case + default) is called from here, not through {@link #selectTwo}: C2 inlines
     * at most 15 calls deep, and a goroutine's loop already sits about ten calls below the virtual
     * thread's entry, where the JIT compiles it once goroutines start often; one level more left the
     * clauses unreplaced (80 bytes and ~11 ns per poll instead of ~1). Two channel cases are polled once by
     * {@link #pollTwo}, without the general path's arrays and shuffle; only if neither is ready does the
     * general path take over, from the wait for a batch on (ADR 0062).
     */
    @SuppressWarnings("unchecked")
    public static <R> R select(Select.Clause<? extends R>[] clauses) throws InterruptedException {
        try {
            boolean polled = false;
            if (clauses.length == 2 && clauses[0] instanceof SelectClause<?> a && clauses[1] instanceof SelectClause<?> b) {
                Object r;
                if (a.kind == SelectClause.DEFAULT || b.kind == SelectClause.DEFAULT) {
                    SelectClause<?> d = a.kind == SelectClause.DEFAULT ? a : b;
                    SelectClause<?> c = d == a ? b : a;
                    // c.ch != null: c is a receive or send case on a non-nil channel
                    r = c.ch != null ? pollOne(c, d) : Chan.NONE;
                } else if (a.kind <= SelectClause.SEND && b.kind <= SelectClause.SEND && a.ch != null && b.ch != null
                        && !a.ch.bubbled() && !b.ch.bubbled()) {
                    r = pollTwo(a, b);
                    polled = true;
                } else {
                    r = selectTwo(a, b);
                }
                if (r != Chan.NONE) {
                    return (R) r;
                }
            }
            return (R) selectAny(clauses, polled);
        } catch (InterruptedException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw SelectImpl.<RuntimeException>sneaky(e); // a body's checked exception, unchanged
        }
    }

    /**
     * The other common two-clause shape without arrays (the poll is in {@link #select}): one channel
     * case + a positive timeout (a positive timeout cannot be ready yet, so the case is the only ready
     * one and SE02 has nothing to choose; if it is not ready, the select is a timed send or receive on
     * that one channel, ADR 0050). {@link Chan#NONE}: not handled.
     */
    private static Object selectTwo(SelectClause<?> a, SelectClause<?> b) throws Exception {
        SelectClause<?> t = a.kind == SelectClause.TIMEOUT ? a : b.kind == SelectClause.TIMEOUT ? b : null;
        SelectClause<?> c = t == a ? b : a;
        if (t == null || t.nanos <= 0 || c.ch == null) {
            return Chan.NONE;
        }
        if (c.ch.bubbled()) {
            c.ch.checkBubble(Chan.OP_SELECT);
        }
        Object r = tryOne(c);
        if (r != Chan.NONE) {
            return r;
        }
        if (c.kind == SelectClause.RECEIVE) {
            Object v = c.ch.selectReceive(t.nanos);
            if (v == Chan.NONE) {
                return t.run(null, false);
            }
            return v == Chan.CLOSED_ELEM ? c.run(null, false) : c.run(v, true);
        }
        // "send on closed channel" (SE07) comes from the send itself
        return c.ch.selectSend(c.value, t.nanos) ? c.run(null, false) : t.run(null, false);
    }

    /**
     * Two cases on non-nil channels outside bubbles, no default or timeout: pass 0 of {@link #run} without
     * its arrays and shuffle (ADR 0062). The cases are tried in a uniformly random order (SE02), each once;
     * {@link Chan#NONE} if neither proceeded, and the general path then goes on from pass 0b.
     */
    private static Object pollTwo(SelectClause<?> a, SelectClause<?> b) throws Exception {
        if (ThreadLocalRandom.current().nextBoolean()) {
            SelectClause<?> t = a;
            a = b;
            b = t;
        }
        Object r = tryOne(a);
        return r != Chan.NONE ? r : tryOne(b);
    }

    @SuppressWarnings("unchecked")
    private static <R> Object selectAny(Select.Clause<? extends R>[] clauses, boolean polled) throws Exception {
        int n = clauses.length;
        SelectClause<?>[] cs = new SelectClause<?>[n];
        SelectClause<?> dflt = null;
        int active = 0; // cases with a channel
        int timeouts = 0;
        for (int i = 0; i < n; i++) {
            Select.Clause<? extends R> c = clauses[i];
            if (!(c instanceof SelectClause<?> sc)) {
                throw new IllegalArgumentException(c == null ? "select: null clause"
                        : "select: not a clause made by go4j: " + c.getClass().getName());
            }
            cs[i] = sc;
            switch (sc.kind) {
                case SelectClause.DEFAULT -> {
                    if (dflt != null) {
                        throw new IllegalArgumentException("select: multiple defaults");
                    }
                    dflt = sc;
                }
                case SelectClause.TIMEOUT -> timeouts++;
                default -> {
                    if (sc.ch != null) {
                        active++;
                    }
                }
            }
        }
        return run(cs, dflt, active, timeouts, polled);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable e) throws E {
        throw (E) e;
    }

    /** {@code polled}: pass 0 has been done (by {@link #pollTwo}) and saw no case ready. */
    private static Object run(SelectClause<?>[] cs, SelectClause<?> dflt, int active, int timeouts, boolean polled)
            throws Exception {
        int n = cs.length;
        if (active == 0 && timeouts == 0) {
            if (dflt != null) {
                return dflt.run(null, false);
            }
            blockForever(cs);
        }
        if (active == 1 && timeouts == 0 && dflt != null) {
            SelectClause<?> c = null;
            for (SelectClause<?> x : cs) {
                if (x.ch != null) {
                    c = x;
                    break;
                }
            }
            return pollOne(c, dflt);
        }
        // Poll order: the active and timeout cases, uniformly shuffled (SE02). Bubble checks on the way.
        int m = active + timeouts;
        int[] poll = new int[m];
        boolean allBubbled = true; // every channel case on a bubble channel (SE10)
        boolean zeroTimeout = false; // a timeout clause that is ready at once
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 0, k = 0; i < n; i++) {
            SelectClause<?> c = cs[i];
            if (c.ch != null) {
                if (c.ch.bubbled()) {
                    c.ch.checkBubble(Chan.OP_SELECT);
                } else {
                    allBubbled = false;
                }
            }
            if (c.kind == SelectClause.TIMEOUT && c.nanos <= 0) {
                zeroTimeout = true;
            }
            if (c.ch != null || c.kind == SelectClause.TIMEOUT) {
                int j = rnd.nextInt(k + 1); // inside-out Fisher-Yates
                poll[k] = poll[j];
                poll[j] = i;
                k++;
            }
        }
        // ---- pass 0: in poll order, a case whose channel looks ready is tried under that channel's lock
        // alone (a receiver over two busy channels then locks one, not both). The first that proceeds
        // wins: at the moment it was taken it was ready, and every case before it in the random order
        // had been seen not ready, which a uniformly random choice among the ready cases allows (SE02).
        // A zero timeout is ready at once, so it has to be polled with the rest: no pass 0 then.
        if (!zeroTimeout) {
            Object r = polled ? Chan.NONE : pollAll(cs, poll);
            // ---- pass 0b: every channel case buffered and none ready: while the partners visibly move,
            // wait for a batch (ADR 0052), then poll again in the same order
            if (r == Chan.NONE && dflt == null && Chan.RING_PROBES > 0 && awaitPartners(cs)) {
                r = pollAll(cs, poll);
            }
            if (r != Chan.NONE) {
                return r;
            }
        }
        Chan<?>[] locks = lockOrder(cs, active);
        lockAll(locks);
        // ---- pass 1: is some case ready now? (with every lock held: the one observation that SE03's
        // default and the queueing below need)
        for (int i : poll) {
            SelectClause<?> c = cs[i];
            switch (c.kind) {
                case SelectClause.RECEIVE -> {
                    Object v = c.ch.recvLocked();
                    if (v != Chan.NONE) {
                        unlockAll(locks);
                        return v == Chan.CLOSED_ELEM ? c.run(null, false) : c.run(v, true);
                    }
                }
                case SelectClause.SEND -> {
                    int r = c.ch.sendLocked(c.value);
                    if (r != Chan.WOULD_BLOCK) {
                        unlockAll(locks);
                        if (r == Chan.IS_CLOSED) {
                            throw Chan.sendOnClosed(); // SE07
                        }
                        return c.run(null, false);
                    }
                }
                default -> { // TIMEOUT: ready at once if its duration is not positive
                    if (c.nanos <= 0) {
                        unlockAll(locks);
                        return c.run(null, false);
                    }
                }
            }
        }
        if (dflt != null) {
            unlockAll(locks);
            return dflt.run(null, false); // SE03
        }
        // ---- pass 2: queue on every channel, in poll order, and park. The order matters where two cases
        // share a channel: a partner that comes later takes the first node queued, and that must be a
        // uniformly random one of the two (SE02), as Go's lock order keeps its poll order among cases on
        // one channel. In case order, select{c<-1; c<-0} sent 1 every time no receiver was waiting yet.
        Waiter w = new Waiter();
        ChanWaiter[] nodes = new ChanWaiter[n];
        for (int i : poll) {
            SelectClause<?> c = cs[i];
            if (c.ch == null) {
                continue;
            }
            if (c.kind == SelectClause.RECEIVE) {
                ChanWaiter node = new SelectNode(w, Waiter.FIRST_USER_CODE + i, null);
                nodes[i] = node;
                c.ch.enqueueRecv(node);
            } else {
                ChanWaiter node = new SelectNode(w, Waiter.FIRST_USER_CODE + i, c.value);
                nodes[i] = node;
                c.ch.enqueueSend(node);
            }
        }
        unlockAll(locks);
        Clock.Scheduled[] timers = null;
        if (timeouts > 0) {
            Clock clock = Clock.current();
            timers = new Clock.Scheduled[timeouts];
            int t = 0;
            for (int i = 0; i < n; i++) {
                if (cs[i].kind == SelectClause.TIMEOUT) {
                    int code = Waiter.FIRST_USER_CODE + i;
                    timers[t++] = clock.schedule(cs[i].nanos, () -> w.complete(code));
                }
            }
        }
        // TH07: durable only inside a bubble, on the bubble's channels alone (checked above). With no
        // channel case (timeouts only) it is a sleep: durable inside a bubble too.
        G me = allBubbled ? w.g() : null;
        WaitReason reason = me != null && me.bubble() != null ? WaitReason.SELECT_DURABLE : WaitReason.SELECT;
        int code;
        try {
            code = w.await(reason, null);
        } finally {
            if (timers != null) {
                for (Clock.Scheduled s : timers) {
                    s.cancel();
                }
            }
            // ---- pass 3: leave every queue (also after an interrupt, when no case was chosen)
            lockAll(locks);
            for (int i = 0; i < n; i++) {
                ChanWaiter node = nodes[i];
                if (node != null) {
                    if (cs[i].kind == SelectClause.RECEIVE) {
                        cs[i].ch.removeRecv(node);
                    } else {
                        cs[i].ch.removeSend(node);
                    }
                }
            }
            unlockAll(locks);
        }
        int chosen = code - Waiter.FIRST_USER_CODE;
        SelectClause<?> c = cs[chosen];
        switch (c.kind) {
            case SelectClause.RECEIVE -> {
                Object v = nodes[chosen].elem;
                return v == Chan.CLOSED_ELEM ? c.run(null, false) : c.run(v, true);
            }
            case SelectClause.SEND -> {
                if (nodes[chosen].elem == Chan.CLOSED_ELEM) {
                    throw Chan.sendOnClosed(); // closed while we waited (CH05, SE07)
                }
                return c.run(null, false);
            }
            default -> {
                return c.run(null, false);
            }
        }
    }

    /** Pass 0: tries the channel cases in poll order; the first that proceeds, or {@link Chan#NONE}. */
    private static Object pollAll(SelectClause<?>[] cs, int[] poll) throws Exception {
        for (int i : poll) {
            SelectClause<?> c = cs[i];
            if (c.ch != null) {
                Object r = tryOne(c);
                if (r != Chan.NONE) {
                    return r;
                }
            }
        }
        return Chan.NONE;
    }

    /**
     * A select whose channel cases are all on buffered channels found none ready: spins while their
     * partners (the senders of its receive cases, the receivers of its send cases) visibly move, until
     * one case has a batch ready ({@link ChanRing#awaitBatch}), they stop, or {@link Chan#RING_PROBES}
     * looks have passed;
     * true if some partner moved (poll again), false at once if none did or a case's channel is
     * unbuffered or has waiters. The first case's channel keeps the record of whether it pays, as a
     * plain send or receive does (ADR 0052).
     */
    private static boolean awaitPartners(SelectClause<?>[] cs) {
        Chan<?> first = null;
        long before = 0;
        for (SelectClause<?> c : cs) {
            if (c.ch != null) {
                long p = c.ch.partnerPosition(c.kind == SelectClause.RECEIVE);
                if (p < 0) {
                    return false;
                }
                before += p;
                if (first == null) {
                    first = c.ch;
                }
            }
        }
        int st = first == null ? -1 : first.spinStart();
        if (st < 0) {
            return false;
        }
        boolean moved = false;
        for (int k = 0; k < Chan.RING_PROBES; k++) {
            Chan.RING_WAIT.await(ChanRing.NEVER); // plain looks: watching the marks too was tried (ADR 0060)
            long now = 0;
            boolean ready = false;
            for (SelectClause<?> c : cs) {
                if (c.ch != null) {
                    boolean receive = c.kind == SelectClause.RECEIVE;
                    long p = c.ch.partnerPosition(receive);
                    if (p < 0) {
                        first.spinDone(st, true); // waiters came: the locked path takes over
                        return true;
                    }
                    now += p;
                    ready |= c.ch.batchReady(receive);
                }
            }
            if (now == before) {
                break;
            }
            moved = true;
            if (ready) {
                break;
            }
            before = now;
        }
        first.spinDone(st, moved);
        return moved;
    }

    /**
     * One channel case and a default: Go's {@code selectnbrecv}/{@code selectnbsend}. A single poll of
     * one channel, the lock-free fast path first (see {@link Chan#recvFast()}); no poll order, lock
     * array or waiter (SE03 holds: the one case was seen not ready at one instant).
     */
    private static Object pollOne(SelectClause<?> c, SelectClause<?> dflt) throws Exception {
        Chan<?> ch = c.ch;
        if (ch.bubbled()) {
            ch.checkBubble(c.kind == SelectClause.RECEIVE ? Chan.OP_RECEIVE : Chan.OP_SEND);
        }
        Object r = tryOne(c);
        return r != Chan.NONE ? r : dflt.run(null, false);
    }

    /**
     * Performs the channel case {@code c} if it can proceed now and returns its body's result, else
     * {@link Chan#NONE} (a body never sees or returns that private sentinel).
     */
    private static Object tryOne(SelectClause<?> c) throws Exception {
        Chan<?> ch = c.ch;
        if (c.kind == SelectClause.RECEIVE) {
            Object v = ch.recvFast();
            if (v == null) {
                v = ch.recvUnderLock();
            }
            if (v == Chan.NONE) {
                return Chan.NONE;
            }
            return v == Chan.CLOSED_ELEM ? c.run(null, false) : c.run(v, true);
        }
        int r = ch.sendFast(c.value);
        if (r == Chan.WOULD_BLOCK) {
            return Chan.NONE;
        }
        if (r != Chan.SENT) {
            r = ch.sendUnderLock(c.value);
        }
        if (r == Chan.IS_CLOSED) {
            throw Chan.sendOnClosed(); // SE07
        }
        return r == Chan.SENT ? c.run(null, false) : Chan.NONE;
    }

    /** {@code select {}}, or only nil cases: parks until interrupted (SE04, CH04). */
    private static void blockForever(SelectClause<?>[] cs) throws InterruptedException {
        WaitReason reason = WaitReason.SELECT_NO_CASES;
        if (cs.length == 1) { // what Go's compiler turns a one-case select into
            reason = cs[0].kind == SelectClause.SEND ? WaitReason.CHAN_SEND_NIL : WaitReason.CHAN_RECEIVE_NIL;
        }
        Waiter w = new Waiter();
        w.await(reason, null); // nothing completes it: returns only by InterruptedException
        throw new AssertionError("a select without cases was woken");
    }

    /** The distinct channels of the active cases, sorted by id. */
    private static Chan<?>[] lockOrder(SelectClause<?>[] cs, int active) {
        Chan<?>[] a = new Chan<?>[active];
        long[] ids = new long[active];
        int k = 0;
        for (SelectClause<?> c : cs) {
            Chan<?> ch = c.ch;
            if (ch == null) {
                continue;
            }
            long id = active == 1 ? 0 : ch.id();
            // insertion sort; skip duplicates (SE06: the same channel in several cases)
            int j = k;
            boolean dup = false;
            while (j > 0 && ids[j - 1] >= id) {
                if (a[j - 1] == ch) {
                    dup = true;
                    break;
                }
                j--;
            }
            if (dup) {
                continue;
            }
            System.arraycopy(a, j, a, j + 1, k - j);
            System.arraycopy(ids, j, ids, j + 1, k - j);
            a[j] = ch;
            ids[j] = id;
            k++;
        }
        if (k < active) {
            Chan<?>[] t = new Chan<?>[k];
            System.arraycopy(a, 0, t, 0, k);
            a = t;
        }
        return a;
    }

    /**
     * Locks every channel, in id order. Only the first lock is waited for with yielding; the later ones
     * are tried without yielding, and if one is busy everything is released, we wait for that one while
     * holding nothing, and start over. So a thread never yields its carrier while holding a channel
     * lock, and every lock holder is running (see {@link Chan#lock()}).
     */
    private static void lockAll(Chan<?>[] locks) {
        int n = locks.length;
        retry:
        for (;;) {
            if (n == 0) {
                return;
            }
            locks[0].lock();
            for (int i = 1; i < n; i++) {
                if (!locks[i].tryLockBriefly()) {
                    for (int j = i - 1; j >= 0; j--) {
                        locks[j].unlock();
                    }
                    locks[i].awaitUnlocked();
                    continue retry;
                }
            }
            return;
        }
    }

    private static void unlockAll(Chan<?>[] locks) {
        for (int i = locks.length - 1; i >= 0; i--) {
            locks[i].unlock();
        }
    }
}
