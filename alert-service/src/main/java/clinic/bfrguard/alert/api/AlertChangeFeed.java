package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.config.AlertConfig;
import clinic.bfrguard.alert.events.AlertChanged;
import clinic.bfrguard.common.stream.ChangeFeed;
import clinic.bfrguard.common.stream.StreamSlots;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.time.Clock;

/**
 * The clinicians' alert stream: {@code alert_change} delivered by a {@link ChangeFeed}, woken after each commit that
 * changed an alert, by another replica's commit through PostgreSQL's notification, and on
 * {@code clinic.alerts.stream-poll} as the safety net.
 */
@ApplicationScoped
public class AlertChangeFeed {

    private final ChangeFeed feed;
    private final StreamSlots slots;
    private final AlertConfig config;

    public AlertChangeFeed(AlertChanges changes, AlertConfig config, Clock clock, AgroalDataSource dataSource) {
        this.feed = new ChangeFeed(changes, config.stream(), clock, dataSource);
        this.slots = new StreamSlots(config.stream().maxPerUser());
        this.config = config;
    }

    public ChangeFeed feed() {
        return feed;
    }

    public StreamSlots slots() {
        return slots;
    }

    void onStart(@Observes StartupEvent event) {
        feed.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        feed.stop();
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertChanged changed) {
        feed.wake();
    }

    @Scheduled(every = "${clinic.alerts.stream-poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        feed.wake();
    }

    @Scheduled(every = "${clinic.alerts.stream.heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        feed.heartbeat();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteOldChanges() {
        feed.deleteOlderThan(config.changeRetention());
    }
}
