package clinic.bfrguard.session.domain;

import clinic.bfrguard.common.problem.DatabaseFailures;
import clinic.bfrguard.session.config.BandConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Raises band warnings and overruns on time with nobody calling the API. One thread sleeps until the earliest due
 * time it knows of and then lets {@link BandAlarms} raise whatever is due, so an alarm leaves within milliseconds of
 * its moment. It learns of a band when the transaction that applied it commits, and of every pending band from the
 * database at start, so overdue ones are raised right after a restart.
 * <p>
 * The in-memory queue is only a wake-up list: the database decides what is due and what was already raised. The
 * {@link #sweep()} raises anything the queue does not know of (a band applied through another replica, a pass that
 * failed while the database was away), late by at most {@code clinic.band.sweep-interval}.
 */
@ApplicationScoped
public class BandTimer {

    private static final Logger LOG = Logger.getLogger(BandTimer.class);

    private final BandAlarms alarms;
    private final BandConfig config;
    private final Clock clock;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Instant> due = new PriorityQueue<>();
    private volatile boolean running;
    private Thread thread;

    public BandTimer(BandAlarms alarms, BandConfig config, Clock clock) {
        this.alarms = alarms;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "band-timer");
        thread.setDaemon(true);
        thread.start();
        resume();
    }

    void onStop(@Observes ShutdownEvent event) {
        // Stops the sweep too: it must not reach for a database that is shutting down.
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
            try {
                current.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The start-up path: loads the due times of every band still on from the database, so that the overdue ones
     * are raised at once and the rest on time. Returns how many due times it queued.
     */
    public int resume() {
        List<Instant> times = alarms.pendingDueTimes();
        lock.lock();
        try {
            due.addAll(times);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        LOG.infof("Band timer watching %d pending warning and overrun times", times.size());
        return times.size();
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) BandScheduled band) {
        schedule(band.warnAt());
        schedule(band.deadline());
    }

    public void schedule(Instant at) {
        lock.lock();
        try {
            due.add(at);
            if (due.peek() == at) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Scheduled(every = "${clinic.band.sweep-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!running) {
            return;
        }
        try {
            raiseAllDue();
        } catch (RuntimeException e) {
            if (!DatabaseFailures.unavailable(e)) {
                throw e;
            }
            // an outage: one line per sweep rather than a stack trace; the next sweep tries again
            LOG.warnf("Band timer sweep: database unavailable, the next sweep retries: %s",
                    DatabaseFailures.unavailableCause(e).map(DatabaseFailures::describe).orElseThrow());
        }
    }

    private void run() {
        while (running) {
            try {
                if (awaitDue()) {
                    raiseAllDue();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                // The sweep retries whatever this pass could not raise.
                LOG.warnf("Band timer pass failed: %s", e.toString());
            }
        }
    }

    /** Sleeps until the earliest due time has come, then drops every due time that has come from the queue. */
    private boolean awaitDue() throws InterruptedException {
        lock.lock();
        try {
            Instant next = due.peek();
            if (next == null) {
                changed.await();
                return false;
            }
            Instant now = clock.instant();
            long waitNanos = Duration.between(now, next).toNanos();
            if (waitNanos > 0) {
                changed.awaitNanos(waitNanos);
                return false;
            }
            while (due.peek() != null && !due.peek().isAfter(now)) {
                due.poll();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void raiseAllDue() {
        BandAlarms.Raised raised;
        do {
            raised = alarms.raiseDue();
        } while (raised.full(config.raiseBatchSize()));
    }

    /** How many due times the in-memory queue holds. */
    public int queued() {
        lock.lock();
        try {
            return due.size();
        } finally {
            lock.unlock();
        }
    }
}
