package io.github.go4j.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The operating system's clock. The only class of the library that reads the system time; its
 * scheduler is one daemon platform thread that runs short, non-blocking actions (waking waiters,
 * offering ticks), so it can never be starved by virtual threads that hog their carriers.
 *
 * <p>The scheduler is a binary heap of deadlines under one lock, not a
 * {@code ScheduledThreadPoolExecutor}: the executor wakes its thread whenever a new task becomes the
 * head of its queue, and in a for-select loop with a timeout every turn's timer becomes the head (the
 * previous one was cancelled and removed), so every select that parked paid for waking a platform
 * thread. Here a new timer wakes the thread only if it is due before the deadline the thread already
 * sleeps towards; a cancelled timer leaves the heap at once, and the thread, if it was sleeping towards
 * it, wakes then, finds nothing due and sleeps again. ADR 0011.
 */
final class SystemClock extends Clock {

    static final SystemClock INSTANCE = new SystemClock();

    /**
     * Actions scheduled and neither finished nor cancelled: the deadlock detector's "no timer is
     * pending" (RU04). Decremented after an action has run, so a reader that sees 0 also sees every
     * waiter those actions completed.
     */
    private static final AtomicLong PENDING = new AtomicLong();

    /** The scheduler thread is awake: it looks at the heap again before it sleeps. */
    private static final long AWAKE = Long.MIN_VALUE;
    /** The scheduler thread sleeps with no deadline (the heap is empty). */
    private static final long IDLE = Long.MAX_VALUE;

    /** Guards the heap, {@link #sleepingUntil}, {@link #sequence} and the thread's start. */
    private final ReentrantLock lock = new ReentrantLock();
    /** The timers by deadline (then by scheduling order); each knows its index. Guarded by lock. */
    private Task[] heap = new Task[16];
    private int size;
    /** Ties between equal deadlines run in scheduling order. Guarded by lock. */
    private long sequence;
    /** The deadline the thread sleeps towards, {@link #IDLE} or {@link #AWAKE}. Guarded by lock. */
    private long sleepingUntil = AWAKE;
    /** Started lazily: programs that never use time never pay for the thread. Guarded by lock. */
    private Thread thread;

    private SystemClock() {}

    /** The number of scheduled actions that have neither run to the end nor been cancelled. */
    static long pending() {
        return PENDING.get();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public Scheduled schedule(long delayNanos, Runnable action) {
        PENDING.incrementAndGet();
        long now = System.nanoTime();
        // Saturate far deadlines instead of overflowing; deadlines are compared by difference, which is
        // exact while they are less than 2^63 ns apart.
        long delay = Math.min(Math.max(0, delayNanos), Long.MAX_VALUE / 2);
        Task t = new Task(this, action, now + delay);
        Thread wake = null;
        lock.lock();
        try {
            t.seq = sequence++;
            add(t);
            if (thread == null) {
                thread = startThread();
            } else if (t.index == 0 && sleepingUntil != AWAKE
                    && (sleepingUntil == IDLE || t.deadline - sleepingUntil < 0)) {
                sleepingUntil = AWAKE; // one wake-up is enough
                wake = thread;
            }
        } finally {
            lock.unlock();
        }
        if (wake != null) {
            LockSupport.unpark(wake);
        }
        return t;
    }

    private Thread startThread() {
        Thread t = new Thread(this::loop, "go4j-timer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The scheduler thread: runs what is due, then sleeps until the next deadline or a wake-up. */
    private void loop() {
        Task[] due = new Task[8];
        for (;;) {
            int n = 0;
            long sleep;
            lock.lock();
            try {
                long now = System.nanoTime();
                while (size > 0 && heap[0].deadline - now <= 0) {
                    if (n == due.length) {
                        due = Arrays.copyOf(due, n * 2);
                    }
                    due[n++] = removeAt(0);
                }
                if (n > 0) {
                    sleep = 0;
                    sleepingUntil = AWAKE;
                } else if (size == 0) {
                    sleep = -1;
                    sleepingUntil = IDLE;
                } else {
                    sleep = heap[0].deadline - now;
                    sleepingUntil = heap[0].deadline;
                }
            } finally {
                lock.unlock();
            }
            for (int i = 0; i < n; i++) {
                Task t = due[i];
                due[i] = null;
                t.run();
            }
            if (sleep < 0) {
                LockSupport.park(this);
            } else if (sleep > 0) {
                LockSupport.parkNanos(this, sleep);
            }
            // Woken early, by a deadline or spuriously: the next turn looks at the heap again.
        }
    }

    private static void finished() {
        if (PENDING.decrementAndGet() == 0) {
            DeadlockDetector.timersIdle();
        }
    }

    // ---- the heap (guarded by lock) --------------------------------------------------------------

    private static boolean before(Task a, Task b) {
        long d = a.deadline - b.deadline;
        return d < 0 || (d == 0 && a.seq < b.seq);
    }

    private void add(Task t) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, t);
    }

    private Task removeAt(int i) {
        Task t = heap[i];
        Task last = heap[--size];
        heap[size] = null;
        if (i != size) {
            siftDown(i, last);
            if (heap[i] == last) {
                siftUp(i, last);
            }
        }
        t.index = -1;
        return t;
    }

    private void siftUp(int i, Task t) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Task p = heap[parent];
            if (!before(t, p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = t;
        t.index = i;
    }

    private void siftDown(int i, Task t) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Task c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, t)) {
                break;
            }
            heap[i] = c;
            c.index = i;
            i = child;
        }
        heap[i] = t;
        t.index = i;
    }

    /** Removes a cancelled task from the heap, if it is still there. */
    private void remove(Task t) {
        lock.lock();
        try {
            if (t.index >= 0) {
                removeAt(t.index);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * One scheduled action. Its own state decides between running and cancelling, by CAS, so that an
     * action runs at most once and is counted out of {@link #PENDING} exactly once.
     */
    private static final class Task extends java.util.concurrent.atomic.AtomicInteger implements Scheduled {
        private static final long serialVersionUID = 1L;
        /** Scheduled, neither started nor cancelled. */
        private static final int NEW = 0;
        /** The action has started (it may have finished). */
        private static final int STARTED = 1;
        /** Cancelled before it started. */
        private static final int CANCELLED = 2;

        private final transient SystemClock clock;
        private final transient Runnable action;
        final long deadline;
        /** Scheduling order, for ties; set under the clock's lock. */
        long seq;
        /** Position in the heap, -1 when not in it; guarded by the clock's lock. */
        int index = -1;

        Task(SystemClock clock, Runnable action, long deadline) {
            this.clock = clock;
            this.action = action;
            this.deadline = deadline;
        }

        /** Runs on the scheduler thread, after the task left the heap. */
        void run() {
            if (!compareAndSet(NEW, STARTED)) {
                return;
            }
            try {
                action.run();
            } catch (Throwable e) {
                // An action must not throw (see Clock.schedule); keep the scheduler alive if one does.
                Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
            } finally {
                finished();
            }
        }

        @Override
        public boolean cancel() {
            if (!compareAndSet(NEW, CANCELLED)) {
                return false;
            }
            clock.remove(this);
            finished();
            return true;
        }
    }

    @Override
    public String toString() {
        return "SystemClock";
    }
}
