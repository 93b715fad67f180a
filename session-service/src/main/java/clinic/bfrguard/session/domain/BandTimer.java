package clinic.bfrguard.session.domain;

import clinic.bfrguard.common.concurrent.BackgroundWorker;
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

/**
 * Raises band warnings and overruns on time with nobody calling the API. A background worker is woken at each
 * band's warning and deadline and lets {@link BandAlarms} raise whatever is due, so an alarm leaves within
 * milliseconds of its moment. It learns of a band when the transaction that applied it commits, and of every pending
 * band from the database at start, so overdue ones are raised right after a restart.
 * <p>
 * The due times it waits for are only wake-ups: the database decides what is due and what was already raised. The
 * {@link #sweep()} raises anything the worker was not woken for (a band applied through another replica, a pass
 * that failed while the database was away), late by at most {@code clinic.band.sweep-interval}.
 */
@ApplicationScoped
public class BandTimer {

    private static final Logger LOG = Logger.getLogger(BandTimer.class);

    private final BandAlarms alarms;
    private final BandConfig config;
    private final Clock clock;
    private final BackgroundWorker worker = new BackgroundWorker("band-timer", this::raiseAllDue);

    public BandTimer(BandAlarms alarms, BandConfig config, Clock clock) {
        this.alarms = alarms;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        worker.start();
        resume();
    }

    void onStop(@Observes ShutdownEvent event) {
        // Stops the sweep too: it must not reach for a database that is shutting down.
        worker.stop(Duration.ofSeconds(5));
    }

    /**
     * The start-up path: loads the due times of every band still on from the database, so that the overdue ones
     * are raised at once and the rest on time. Returns how many due times it is waiting for.
     */
    public int resume() {
        List<Instant> times = alarms.pendingDueTimes();
        times.forEach(this::schedule);
        LOG.infof("Band timer watching %d pending warning and overrun times", times.size());
        return times.size();
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) BandScheduled band) {
        schedule(band.warnAt());
        schedule(band.deadline());
    }

    private void schedule(Instant at) {
        worker.wakeAt(at, clock);
    }

    @Scheduled(every = "${clinic.band.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        worker.wake();
    }

    private void raiseAllDue() {
        try {
            BandAlarms.Raised raised;
            do {
                raised = alarms.raiseDue();
            } while (raised.full(config.raiseBatchSize()));
        } catch (RuntimeException e) {
            if (!DatabaseFailures.unavailable(e)) {
                throw e;
            }
            // an outage: one line per pass rather than a stack trace; the next sweep tries again
            LOG.warnf("Band timer: database unavailable, the next sweep retries: %s",
                    DatabaseFailures.unavailableCause(e).map(DatabaseFailures::describe).orElseThrow());
        }
    }
}
