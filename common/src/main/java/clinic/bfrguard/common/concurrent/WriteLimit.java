package clinic.bfrguard.common.concurrent;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most so many calls at once; the others wait their turn, in arrival order, for at most {@code maxWait}. A
 * saturated service then runs a few requests at a time instead of all of them at once, so that its background work
 * (the outbox relay, the band timer) is not one thread among dozens competing for the cores.
 */
public final class WriteLimit {

    private final Semaphore permits;
    private final Duration maxWait;

    public WriteLimit(int concurrent, Duration maxWait) {
        if (concurrent < 1) {
            throw new IllegalArgumentException("at least one call at a time, not " + concurrent);
        }
        this.permits = new Semaphore(concurrent, true);
        this.maxWait = maxWait;
    }

    /** Runs {@code call} when a place is free; {@link Busy} when none became free within the wait. */
    public <T> T call(Callable<T> call) throws Exception {
        if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new Busy(maxWait);
        }
        try {
            return call.call();
        } finally {
            permits.release();
        }
    }

    /** No place became free in time: the caller should try again shortly. */
    public static final class Busy extends RuntimeException {

        public Busy(Duration waited) {
            super("too many changes at once: none could start within " + waited.toMillis() + " ms; try again");
        }
    }
}
