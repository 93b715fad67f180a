package clinic.bfrguard.notification.channels;

import clinic.bfrguard.common.concurrent.BackgroundWorker;
import clinic.bfrguard.notification.config.NotifyConfig;
import clinic.bfrguard.notification.domain.Delivery;
import clinic.bfrguard.notification.domain.NotificationService;
import clinic.bfrguard.notification.domain.NotificationsWritten;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands pending notifications to their channels. Woken right after every commit that wrote notifications (so a
 * page leaves within milliseconds), when the next retry falls due, and by a poll that is the safety net after a
 * crash or a change made by another replica. Up to {@code clinic.notify.senders} sends run at once, each on its
 * own thread, so a slow target holds up only its own page. Delivery is at least once: a send that happened just
 * before a crash is made again, under the same idempotency key, after its lease.
 */
@ApplicationScoped
public class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class);

    private final NotificationService service;
    private final Instance<Channel> channels;
    private final NotifyConfig config;
    private final Clock clock;
    private final BackgroundWorker worker = new BackgroundWorker("notification-sender", this::pass);
    private volatile Semaphore slots;
    private volatile ExecutorService pool;

    public NotificationSender(NotificationService service, Instance<Channel> channels, NotifyConfig config,
            Clock clock) {
        this.service = service;
        this.channels = channels;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        int senders = Math.max(1, config.senders());
        AtomicInteger count = new AtomicInteger();
        slots = new Semaphore(senders);
        pool = Executors.newFixedThreadPool(senders, runnable -> {
            Thread thread = new Thread(runnable, "notification-send-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        worker.start();
        worker.wake();
    }

    void stop(@Observes ShutdownEvent event) {
        worker.stop(Duration.ofSeconds(5));
        ExecutorService current = pool;
        if (current != null) {
            current.shutdown();
            try {
                current.awaitTermination(config.webhook().timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationsWritten event) {
        worker.wake();
    }

    @Scheduled(every = "${clinic.notify.retry.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        worker.wake();
    }

    /** Hands one delivery to its channel now, outside the queue: the start-of-shift test. */
    public Channel.Outcome sendNow(Delivery delivery) {
        return channelOf(delivery.channel()).send(delivery);
    }

    private void pass() {
        try {
            while (true) {
                int free = slots.availablePermits();
                if (free == 0) {
                    return;
                }
                List<Delivery> due = service.claim(free, config.sendLease());
                for (Delivery delivery : due) {
                    slots.acquireUninterruptibly();
                    pool.execute(() -> {
                        try {
                            deliver(delivery);
                        } finally {
                            slots.release();
                            worker.wake();
                        }
                    });
                }
                if (due.size() < free) {
                    break;
                }
            }
            service.nextDue().ifPresent(at -> worker.wakeAt(at, clock));
        } catch (RuntimeException e) {
            // the database is away, say: the poll tries again
            LOG.warnf("Notification pass failed, retrying on the next poll: %s", e.toString());
        }
    }

    private void deliver(Delivery delivery) {
        Channel.Outcome outcome;
        try {
            outcome = sendNow(delivery);
        } catch (RuntimeException e) {
            outcome = Channel.Outcome.refused(e.toString());
        }
        try {
            if (outcome.accepted()) {
                service.accepted(delivery.id(), outcome.detail());
            } else if (outcome.gone()) {
                service.gone(delivery.id(), outcome.detail());
            } else {
                service.refused(delivery.id(), outcome.detail());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Outcome of notification %s not recorded (%s); it is sent again, same idempotency key,"
                    + " after its lease", delivery.id(), e.toString());
        }
    }

    private Channel channelOf(String channel) {
        for (Channel candidate : channels) {
            if (candidate.sends(channel)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no channel sends " + channel);
    }
}
