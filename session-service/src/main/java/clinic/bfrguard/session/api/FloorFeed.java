package clinic.bfrguard.session.api;

import clinic.bfrguard.common.stream.ChangeFeed;
import clinic.bfrguard.session.config.FloorConfig;
import clinic.bfrguard.session.events.FloorChanged;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.time.Clock;

/**
 * The floor stream: {@code session_change} delivered by a {@link ChangeFeed}, woken after each commit that changed
 * the floor, by another replica's commit through PostgreSQL's notification, and on {@code clinic.floor.stream-poll}
 * as the safety net.
 */
@ApplicationScoped
public class FloorFeed {

    private final ChangeFeed feed;
    private final FloorConfig config;
    private final Scheduler scheduler;

    public FloorFeed(FloorChanges changes, FloorConfig config, Clock clock, AgroalDataSource dataSource,
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

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) FloorChanged changed) {
        feed.wake();
    }
}
