package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.config.AlertConfig;
import clinic.bfrguard.alert.events.AlertChanged;
import clinic.bfrguard.common.stream.ChangeFeed;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
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
    private final AlertConfig config;
    private final Scheduler scheduler;

    public AlertChangeFeed(AlertChanges changes, AlertConfig config, Clock clock, AgroalDataSource dataSource,
            Scheduler scheduler) {
        this.feed = new ChangeFeed(changes, config.stream(), clock, dataSource);
        this.config = config;
        this.scheduler = scheduler;
    }

    public ChangeFeed feed() {
        return feed;
    }

    void onStart(@Observes StartupEvent event) {
        feed.start(scheduler, config.streamPoll(), config.changeRetention());
    }

    void onStop(@Observes ShutdownEvent event) {
        feed.stop();
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertChanged changed) {
        feed.wake();
    }
}
