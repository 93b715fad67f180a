package clinic.bfrguard.common.events;

import clinic.bfrguard.common.concurrent.SingleWorker;
import clinic.bfrguard.common.config.OutboxConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends committed outbox events to Kafka in outbox order and marks each sent only once the broker has acknowledged
 * it. Woken right after every commit that wrote to the outbox, so an event leaves within milliseconds; the poll is
 * the safety net after a crash or a broker outage.
 * <p>
 * Replicas take turns through a transaction-scoped advisory lock, so two replicas never send the same row and
 * one patient's events never overtake each other. A failed send stops the batch there: that event and everything
 * after it stay pending and go out, in order, on the next attempt. A resend after a crash is harmless because
 * consumers deduplicate on the event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Any constant will do: each service has a database of its own. */
    private static final long RELAY_LOCK = 0x0b0c_5e1a_7L;

    private final EventPublisher publisher;
    private final OutboxConfig config;
    private final EntityManager em;
    private final Clock clock;

    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile ExecutorService worker;
    /** {@link System#nanoTime()} when the last pass began; only the worker thread touches it. */
    private long lastPassStart;
    private boolean passed;

    public OutboxRelay(EventPublisher publisher, OutboxConfig config, EntityManager em, Clock clock) {
        this.publisher = publisher;
        this.config = config;
        this.em = em;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        worker = SingleWorker.start("outbox-relay");
        wake();
    }

    void onStop(@Observes ShutdownEvent event) {
        ExecutorService current = worker;
        worker = null;
        SingleWorker.stop(current, config.sendTimeout());
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        wake();
    }

    @Scheduled(every = "${clinic.outbox.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteOldSentEvents() {
        QuarkusTransaction.requiringNew().run(
                () -> OutboxEvent.deleteSentBefore(clock.instant().minus(config.retention())));
    }

    /** Asks the worker to drain the outbox; cheap, and coalesces when called many times at once. */
    public void wake() {
        wanted.set(true);
        ExecutorService current = worker;
        if (current != null && running.compareAndSet(false, true)) {
            try {
                current.execute(this::drain);
            } catch (RuntimeException e) {
                running.set(false);
            }
        }
    }

    private void drain() {
        try {
            while (wanted.get()) {
                pace();
                wanted.set(false);
                Batch batch;
                do {
                    lastPassStart = System.nanoTime();
                    passed = true;
                    batch = relayBatch();
                } while (batch.sent() == config.batchSize() && !batch.failed());
                if (batch.failed()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay failed, will retry on the next poll: %s", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.set(false);
            if (wanted.get() && worker != null && !Thread.currentThread().isInterrupted()) {
                wake();
            }
        }
    }

    /** Waits out the rest of the minimum pass interval, so that a busy outbox goes out in fewer, fuller passes. */
    private void pace() throws InterruptedException {
        long pause = pauseNanos(passed, lastPassStart, System.nanoTime(), config.minPassInterval().toNanos());
        if (pause > 0) {
            TimeUnit.NANOSECONDS.sleep(pause);
        }
    }

    /**
     * How long the next pass waits: nothing after a quiet spell (the first event leaves at once), otherwise what
     * is left of {@code minInterval} since the last pass began.
     */
    static long pauseNanos(boolean passedBefore, long lastPassStart, long now, long minInterval) {
        if (!passedBefore || minInterval <= 0) {
            return 0;
        }
        return Math.max(0, minInterval - (now - lastPassStart));
    }

    /** Sends one batch of pending events; visible for tests that want a relay pass without waiting for a poll. */
    public Batch relayBatch() {
        Duration timeout = config.sendTimeout().plusSeconds(30);
        return QuarkusTransaction.requiringNew().timeout((int) timeout.toSeconds()).call(() -> {
            takeRelayLock();
            List<OutboxEvent> pending = OutboxEvent.pending(config.batchSize());
            List<CompletableFuture<Void>> acks = new ArrayList<>(pending.size());
            for (OutboxEvent event : pending) {
                acks.add(publisher.send(event.topic, event.key, event.payload).toCompletableFuture());
            }
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            List<UUID> acknowledged = new ArrayList<>(pending.size());
            try {
                for (int i = 0; i < pending.size(); i++) {
                    OutboxEvent event = pending.get(i);
                    try {
                        acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        acknowledged.add(event.id);
                    } catch (ExecutionException | TimeoutException e) {
                        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                        String error = String.valueOf(cause);
                        OutboxEvent.markFailed(event.id, error);
                        LOG.warnf("Outbox event %s (%s) not acknowledged by the broker, %d pending: %s",
                                event.id, event.type, pending.size() - acknowledged.size(), error);
                        return new Batch(acknowledged.size(), true);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return new Batch(acknowledged.size(), true);
                    }
                }
                return new Batch(acknowledged.size(), false);
            } finally {
                // one statement for the whole batch, and only for what the broker has acknowledged
                OutboxEvent.markSent(acknowledged, clock.instant());
            }
        });
    }

    /**
     * Runs {@code action} while no relay pass of any replica runs: it waits for the pass in progress to end and
     * holds the next one back until the action returns. For tests that change what a pass talks to.
     */
    public void betweenPasses(Runnable action) {
        QuarkusTransaction.requiringNew().run(() -> {
            takeRelayLock();
            action.run();
        });
    }

    /** Replicas take turns: the lock is held until the transaction ends. */
    private void takeRelayLock() {
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(:key)) as relay_lock")
                .setParameter("key", RELAY_LOCK)
                .getSingleResult();
    }

    /** What one relay pass did. */
    public record Batch(int sent, boolean failed) {
    }
}
