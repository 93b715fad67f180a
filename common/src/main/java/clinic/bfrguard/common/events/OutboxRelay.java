package clinic.bfrguard.common.events;

import clinic.bfrguard.common.concurrent.BackgroundWorker;
import clinic.bfrguard.common.config.OutboxConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends committed outbox events to Kafka in outbox order and marks each sent only once the broker has acknowledged
 * it. Woken right after every commit that wrote to the outbox, so an event leaves within milliseconds; the poll is
 * the safety net after a crash or a broker outage.
 * <p>
 * Replicas take turns through a transaction-scoped advisory lock, so two replicas never send the same row and
 * one patient's events never overtake each other. A send the producer refuses at once for a reason that may pass
 * (no metadata, a full buffer) ends the batch there: nothing after it is handed to the producer, and that event and
 * everything after it go out, in order, on the next attempt. A record the broker will never take as it is (too
 * large, say) stays pending with its error and holds up nothing: the events after it, the same patient's included,
 * go on, because a patient's later alarms matter more than their order behind an event that cannot leave. A send
 * that is not acknowledged within the send timeout stays with the producer, which keeps trying and delivers it
 * before anything sent after it ({@link KafkaEventPublisher}); the next pass waits for those sends to settle and
 * marks what the broker took before it sends anything else, so an outage neither reorders nor doubles events. A
 * resend after a crash is harmless because consumers deduplicate on the event id.
 * <p>
 * Two gauges tell operations whether events are leaving: {@code bfrguard_outbox_pending} (events still waiting
 * after the last pass) and {@code bfrguard_outbox_oldest_pending_age_seconds} (how long the oldest of them has
 * waited, growing while nothing gets through; 0 when none waits).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Any constant will do: each service has a database of its own. */
    static final long RELAY_LOCK = 0x0b0c_5e1a_7L;

    private final EventPublisher publisher;
    private final OutboxConfig config;
    private final EntityManager em;
    private final Clock clock;

    /** Sends of earlier passes that the broker had not acknowledged when their pass ended, in outbox order. */
    private final List<InFlight> inFlight = new ArrayList<>();
    private final BackgroundWorker worker = new BackgroundWorker("outbox-relay", this::drain);
    /** {@link System#nanoTime()} when the last pass began; only the worker thread touches it. */
    private long lastPassStart;
    private boolean passed;

    /** What the last pass left waiting; replaced whole, read by the gauges. */
    private volatile Backlog backlog = new Backlog(0, null);

    public OutboxRelay(EventPublisher publisher, OutboxConfig config, EntityManager em, Clock clock,
            MeterRegistry registry) {
        this.publisher = publisher;
        this.config = config;
        this.em = em;
        this.clock = clock;
        Gauge.builder("bfrguard.outbox.pending", this, relay -> relay.backlog.events())
                .description("Outbox events still waiting to be sent after the last relay pass")
                .register(registry);
        Gauge.builder("bfrguard.outbox.oldest.pending.age", this,
                        relay -> relay.backlog.ageSeconds(relay.clock.instant()))
                .description("How long the oldest outbox event still waiting has waited")
                .baseUnit("seconds")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        worker.start();
        worker.wake();
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.stop(config.sendTimeout());
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        worker.wake();
    }

    @Scheduled(every = "${clinic.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        worker.wake();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteOldSentEvents() {
        QuarkusTransaction.requiringNew().run(
                () -> OutboxEvent.deleteSentBefore(clock.instant().minus(config.retention())));
    }

    /** Asks the worker to drain the outbox; cheap, and coalesces when called many times at once. */
    public void wake() {
        worker.wake();
    }

    /** One pass of the worker: sends batch after batch until the outbox is drained or a batch fails. */
    private void drain() {
        try {
            pace();
            Batch batch;
            do {
                lastPassStart = System.nanoTime();
                passed = true;
                batch = relayBatch();
            } while (batch.sent() == config.batchSize() && !batch.failed());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    /**
     * Sends one batch of pending events, once the sends of earlier passes have settled.
     */
    Batch relayBatch() {
        if (!settleInFlight()) {
            return new Batch(0, true);
        }
        Duration timeout = config.sendTimeout().plusSeconds(30);
        return QuarkusTransaction.requiringNew().timeout((int) timeout.toSeconds()).call(() -> {
            takeRelayLock();
            List<OutboxEvent> pending = OutboxEvent.pending(config.batchSize());
            List<CompletableFuture<Void>> acks = new ArrayList<>(pending.size());
            for (OutboxEvent event : pending) {
                CompletableFuture<Void> ack = publisher.send(event.topic, event.key, event.payload)
                        .toCompletableFuture();
                acks.add(ack);
                Throwable refused = refusal(ack);
                if (refused != null && publisher.mayPassLater(refused)) {
                    // refused for now, before the producer took it: a later event handed over now would overtake it
                    break;
                }
            }
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            List<UUID> acknowledged = new ArrayList<>(acks.size());
            boolean failed = false;
            try {
                for (int i = 0; i < acks.size(); i++) {
                    OutboxEvent event = pending.get(i);
                    try {
                        acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        acknowledged.add(event.id);
                    } catch (ExecutionException e) {
                        failed = true;
                        notAcknowledged(event, String.valueOf(e.getCause()), pending.size() - acknowledged.size());
                    } catch (TimeoutException e) {
                        notAcknowledged(event, "not acknowledged within " + config.sendTimeout()
                                + ", still being sent", pending.size() - acknowledged.size());
                        settleLater(pending, acks, i, acknowledged);
                        return new Batch(acknowledged.size(), true);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        settleLater(pending, acks, i, acknowledged);
                        return new Batch(acknowledged.size(), true);
                    }
                }
                return new Batch(acknowledged.size(), failed);
            } finally {
                // one statement for the whole batch, and only for what the broker has acknowledged
                OutboxEvent.markSent(acknowledged, clock.instant());
                backlog = Backlog.after(pending, acknowledged);
            }
        });
    }

    private static void notAcknowledged(OutboxEvent event, String error, int pending) {
        OutboxEvent.markFailed(event.id, error);
        LOG.logf(worthAWarning(event.attempts) ? Logger.Level.WARN : Logger.Level.DEBUG,
                "Outbox event %s (%s) not acknowledged by the broker (attempt %d), %d pending: %s", event.id,
                event.type, event.attempts + 1, pending, error);
    }

    /**
     * Whether a failed attempt is logged as a warning: the first three of an event and every hundredth after, so
     * that an event the broker will never take, tried on every pass, does not flood the log (the outbox gauges
     * show it waiting all along).
     */
    static boolean worthAWarning(int attemptsBefore) {
        return attemptsBefore < 3 || (attemptsBefore + 1) % 100 == 0;
    }

    /** Why the producer refused a send at once, or null if it took it (or has not answered yet). */
    private static Throwable refusal(CompletableFuture<Void> ack) {
        if (!ack.isCompletedExceptionally()) {
            return null;
        }
        Throwable failure = ack.handle((ignored, error) -> error).join();
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * Of the sends from {@code from} on, keeps those still in progress for the next pass to wait for, and adds
     * those already acknowledged to {@code acknowledged}; refused ones stay pending.
     */
    private void settleLater(List<OutboxEvent> pending, List<CompletableFuture<Void>> acks, int from,
            List<UUID> acknowledged) {
        synchronized (inFlight) {
            for (int i = from; i < acks.size(); i++) {
                CompletableFuture<Void> ack = acks.get(i);
                if (!ack.isDone()) {
                    inFlight.add(new InFlight(pending.get(i).id, ack));
                } else if (!ack.isCompletedExceptionally()) {
                    acknowledged.add(pending.get(i).id);
                }
            }
        }
    }

    /**
     * Waits up to the send timeout for the sends of earlier passes and marks sent what the broker acknowledged.
     * Returns whether none is left in progress: only then may a pass hand the producer anything new (or the same
     * events again).
     */
    private boolean settleInFlight() {
        List<InFlight> waiting;
        synchronized (inFlight) {
            if (inFlight.isEmpty()) {
                return true;
            }
            waiting = List.copyOf(inFlight);
        }
        try {
            CompletableFuture.allOf(waiting.stream().map(InFlight::ack).toArray(CompletableFuture[]::new))
                    .get(config.sendTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // settled one by one below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<UUID> acknowledged = new ArrayList<>(waiting.size());
        boolean settled;
        synchronized (inFlight) {
            for (InFlight send : waiting) {
                if (send.ack().isDone()) {
                    inFlight.remove(send);
                    if (!send.ack().isCompletedExceptionally()) {
                        acknowledged.add(send.id());
                    }
                }
            }
            settled = inFlight.isEmpty();
        }
        if (!acknowledged.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> OutboxEvent.markSent(acknowledged, clock.instant()));
        }
        return settled;
    }

    /** Replicas take turns: the lock is held until the transaction ends. */
    private void takeRelayLock() {
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(:key)) as relay_lock")
                .setParameter("key", RELAY_LOCK)
                .getSingleResult();
    }

    /** What one relay pass did. */
    record Batch(int sent, boolean failed) {
    }

    private record InFlight(UUID id, CompletableFuture<Void> ack) {
    }

    /** The events a pass left waiting, and when the oldest of them was written (null if none). */
    record Backlog(int events, Instant oldest) {

        static Backlog after(List<OutboxEvent> pending, List<UUID> acknowledged) {
            Set<UUID> sent = Set.copyOf(acknowledged);
            Instant oldest = pending.stream().filter(event -> !sent.contains(event.id)).findFirst()
                    .map(event -> event.createdAt).orElse(null);
            return new Backlog(pending.size() - sent.size(), oldest);
        }

        double ageSeconds(Instant now) {
            return oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
        }
    }
}
