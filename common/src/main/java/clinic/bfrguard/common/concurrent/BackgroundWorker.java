package clinic.bfrguard.common.concurrent;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one pattern for a service's background work (outbox relay, alert change feed, band timer): a named daemon
 * thread runs a pass that drains whatever work is waiting. It is woken right after the commit that made the work
 * (so the work leaves within milliseconds), at a due time it was given, or by a poll that is only the safety net
 * after a crash, an outage or a change made by another replica. Wake-ups coalesce: any number of them while a pass
 * is queued cost one pass, and one that comes during a pass queues exactly one more. Passes never overlap, and
 * other tasks handed to {@link #execute} run between them on the same thread.
 */
public final class BackgroundWorker {

    private static final Logger LOG = Logger.getLogger(BackgroundWorker.class);
    /** A due time's pass runs this much after it, so that the clock the pass reads has surely reached it. */
    private static final long DUE_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final String name;
    private final Runnable pass;
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile ScheduledThreadPoolExecutor executor;

    public BackgroundWorker(String name, Runnable pass) {
        this.name = name;
        this.pass = pass;
    }

    public void start() {
        ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        started.setRemoveOnCancelPolicy(true);
        started.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor = started;
    }

    /** Lets the pass or task in progress and those already queued finish for at most {@code grace}. */
    public void stop(Duration grace) {
        ScheduledThreadPoolExecutor current = executor;
        executor = null;
        if (current == null) {
            return;
        }
        current.shutdown();
        try {
            if (!current.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                current.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks for a pass; cheap, and coalesces when called many times at once. */
    public void wake() {
        if (queued.compareAndSet(false, true) && !execute(this::runPass)) {
            queued.set(false);
        }
    }

    /** Asks for a pass once {@code clock} reads {@code at}; at once if that has passed. */
    public void wakeAt(Instant at, Clock clock) {
        ScheduledThreadPoolExecutor current = executor;
        if (current == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), at).toNanos()) + DUE_MARGIN_NANOS;
        try {
            current.schedule(this::wake, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // stopping: nothing is due any more
        }
    }

    /**
     * Runs {@code task} on the worker's thread, between passes. Returns false when the worker has stopped. A task
     * that fails is logged: the executor would otherwise keep its exception to itself.
     */
    public boolean execute(Runnable task) {
        ScheduledThreadPoolExecutor current = executor;
        if (current == null) {
            return false;
        }
        try {
            current.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.errorf(e, "%s: a task failed", name);
                    throw e;
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void runPass() {
        queued.set(false);
        try {
            pass.run();
        } catch (RuntimeException e) {
            LOG.warnf("%s pass failed, the next wake-up or poll retries: %s", name, e.toString());
        }
    }
}
