package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.config.AlertConfig;
import clinic.bfrguard.alert.events.AlertChanged;
import clinic.bfrguard.common.concurrent.BackgroundWorker;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Delivers the change feed ({@code alert_change}) to Server-Sent Events clients, in seq order, each change once.
 * <p>
 * One thread does all the work: it reads committed changes after the highest seq it has delivered and hands them
 * to every client, and it registers new clients (replaying what they missed first). Because registration and
 * delivery never overlap, a client gets every change after its {@code Last-Event-ID} exactly once, replayed or
 * live. The thread is woken right after each local commit; the poll brings in the changes another replica
 * committed, and is the safety net for a missed wake-up.
 */
@ApplicationScoped
public class AlertChangeFeed {

    private static final Logger LOG = Logger.getLogger(AlertChangeFeed.class);
    private static final int PAGE = 500;

    private final AgroalDataSource dataSource;
    private final AlertConfig config;
    private final Clock clock;

    private final List<Client> clients = new ArrayList<>();
    private final BackgroundWorker worker = new BackgroundWorker("alert-change-feed", this::drain);
    private long delivered = -1;

    public AlertChangeFeed(AgroalDataSource dataSource, AlertConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        worker.start();
        worker.wake();
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.execute(() -> clients.forEach(client -> client.emitter.complete()));
        worker.stop(Duration.ofSeconds(2));
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertChanged changed) {
        worker.wake();
    }

    @Scheduled(every = "${clinic.alerts.stream-poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        worker.wake();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteOldChanges() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("delete from alert_change where created_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(clock.instant().minus(config.changeRetention())));
            delete.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("Old alert changes not deleted, will retry: %s", e.toString());
        }
    }

    /**
     * A stream of every change of an alert of {@code sites} after {@code lastEventId}, or of such changes from now
     * on when it is null. A
     * {@code Last-Event-ID} beyond the newest change (a feed that was reset) counts as "from now on".
     */
    public Multi<OutboundSseEvent> subscribe(Long lastEventId, Set<String> sites, Sse sse) {
        return Multi.createFrom().emitter(emitter -> {
            Client client = new Client(emitter, sites, sse);
            emitter.onTermination(() -> worker.execute(() -> clients.remove(client)));
            if (!worker.execute(() -> register(client, lastEventId))) {
                emitter.fail(new IllegalStateException("the alert stream is shutting down"));
            }
        });
    }

    private void drain() {
        try {
            if (delivered < 0) {
                delivered = newestSeq();
            }
            List<Change> changes;
            do {
                changes = changesAfter(delivered);
                for (Change change : changes) {
                    for (Client client : List.copyOf(clients)) {
                        client.send(change);
                    }
                    delivered = change.seq();
                }
            } while (changes.size() == PAGE);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Alert change feed read failed, will retry on the next poll: %s", e.toString());
        }
    }

    private void register(Client client, Long lastEventId) {
        if (client.emitter.isCancelled()) {
            return;
        }
        try {
            if (delivered < 0) {
                delivered = newestSeq();
            }
            long from = lastEventId == null ? delivered : Math.min(lastEventId, newestSeq());
            client.lastSent = from;
            List<Change> missed;
            do {
                missed = changesAfter(client.lastSent);
                missed.forEach(client::send);
            } while (missed.size() == PAGE);
            client.emitter.emit(client.sse.newEventBuilder().comment("connected").build());
            clients.add(client);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Alert stream client not registered: %s", e.toString());
            client.emitter.fail(e);
        }
    }

    private long newestSeq() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select coalesce(max(seq), 0) from alert_change");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private List<Change> changesAfter(long seq) throws SQLException {
        List<Change> changes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select seq, site, kind, created_at, alert_json"
                        + " from alert_change where seq > ? order by seq limit " + PAGE)) {
            query.setLong(1, seq);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    changes.add(new Change(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getTimestamp(4).toInstant().toString(), rows.getString(5)));
                }
            }
        }
        return changes;
    }

    /** One change-feed entry; {@link #json()} is the SSE data: {@code {seq, kind, at, alert}}. */
    record Change(long seq, String site, String kind, String at, String alertJson) {
        String json() {
            return "{\"seq\":" + seq + ",\"kind\":\"" + kind + "\",\"at\":\"" + at + "\",\"alert\":" + alertJson + "}";
        }
    }

    /** One connected stream; touched only by the feed thread. */
    private static final class Client {
        final MultiEmitter<? super OutboundSseEvent> emitter;
        final Set<String> sites;
        final Sse sse;
        long lastSent;

        Client(MultiEmitter<? super OutboundSseEvent> emitter, Set<String> sites, Sse sse) {
            this.emitter = emitter;
            this.sites = sites;
            this.sse = sse;
        }

        void send(Change change) {
            if (change.seq() <= lastSent || emitter.isCancelled()) {
                return;
            }
            if (!sites.contains(change.site())) {
                lastSent = change.seq();
                return;
            }
            emitter.emit(sse.newEventBuilder()
                    .id(Long.toString(change.seq()))
                    .data(change.json())
                    .build());
            lastSent = change.seq();
        }
    }
}
