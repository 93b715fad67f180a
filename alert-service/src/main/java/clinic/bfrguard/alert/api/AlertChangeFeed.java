package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.config.AlertConfig;
import clinic.bfrguard.alert.events.AlertChanged;
import clinic.bfrguard.common.concurrent.BackgroundWorker;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.unchecked.Unchecked;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Delivers the change feed ({@code alert_change}) to Server-Sent Events clients, in seq order, each change once.
 * <p>
 * One thread reads committed changes after the highest seq it has delivered and hands them to every client. A new
 * client is registered on that same thread, between two reads, which fixes the seq up to which it has to be replayed
 * and after which it receives changes live: a client gets every change after its {@code Last-Event-ID} exactly once,
 * replayed or live, in order. The replay itself is read on a worker thread, page by page as the client takes it,
 * so a long replay delays no other client's live changes; live changes wait in the client's buffer meanwhile. The
 * thread is woken right after each local commit; the poll brings in the changes another replica committed, and is
 * the safety net for a missed wake-up.
 * <p>
 * A client's buffer is bounded: a client that does not read (a stalled network, a frozen tab) is disconnected when
 * its buffer is full, and catches up with {@code Last-Event-ID} when it reconnects.
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
    /** Open streams per user; guarded by itself. */
    private final Map<String, Integer> openStreams = new HashMap<>();

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
        worker.execute(() -> clients.forEach(Client::complete));
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
     * A stream of every change after {@code lastEventId}, or of changes from now on when it is null. A
     * {@code Last-Event-ID} beyond the newest change (a feed that was reset) counts as "from now on". The stream
     * completes at {@code endsAt} (the token's expiry) when that is given; {@code disconnect} closes the client's
     * connection, for a client whose buffer is full.
     *
     * @throws StreamLimitReached when {@code user} already has as many streams open as allowed
     */
    public Multi<OutboundSseEvent> subscribe(String user, Long lastEventId, Instant endsAt, Sse sse,
            Runnable disconnect) {
        if (!openStream(user)) {
            throw new StreamLimitReached(config.stream().maxPerUser());
        }
        Client client = new Client(sse, config.stream().buffer(), disconnect);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                closeStream(user);
                worker.execute(() -> clients.remove(client));
            }
        };
        Multi<OutboundSseEvent> stream = Uni.createFrom().<Replay>emitter(registered -> {
                    if (!worker.execute(() -> register(client, lastEventId, registered::complete, registered::fail))) {
                        registered.fail(new IllegalStateException("the alert stream is shutting down"));
                    }
                })
                .onItem().transformToMulti(replay -> Multi.createBy().concatenating().streams(
                        replay(client, replay),
                        Multi.createFrom().item(() -> sse.newEventBuilder().comment("connected").build()),
                        client.live))
                .onTermination().invoke(close);
        if (endsAt != null) {
            Duration left = Duration.between(clock.instant(), endsAt);
            if (left.isNegative() || left.isZero()) {
                close.run();
                return Multi.createFrom().empty();
            }
            stream = stream.select().first(left);
        }
        return stream;
    }

    private synchronized boolean openStream(String user) {
        int open = openStreams.getOrDefault(user, 0);
        if (open >= config.stream().maxPerUser()) {
            return false;
        }
        openStreams.put(user, open + 1);
        return true;
    }

    private synchronized void closeStream(String user) {
        openStreams.computeIfPresent(user, (name, open) -> open > 1 ? open - 1 : null);
    }

    private void drain() {
        try {
            if (delivered < 0) {
                delivered = newestSeq();
            }
            List<Change> changes;
            do {
                changes = changesAfter(delivered, Long.MAX_VALUE);
                for (Change change : changes) {
                    for (Client client : List.copyOf(clients)) {
                        if (!client.send(change)) {
                            clients.remove(client);
                            LOG.infof("An alert stream client fell %d changes behind and was disconnected; it catches"
                                    + " up when it reconnects", config.stream().buffer());
                        }
                    }
                    delivered = change.seq();
                }
            } while (changes.size() == PAGE);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Alert change feed read failed, will retry on the next poll: %s", e.toString());
        }
    }

    /**
     * Runs on the feed's thread, between two reads: from here on the client receives every change after
     * {@link #delivered} live, and its replay covers what it missed up to there.
     */
    private void register(Client client, Long lastEventId, Consumer<Replay> registered,
            Consumer<Throwable> failed) {
        try {
            if (delivered < 0) {
                delivered = newestSeq();
            }
            long from = lastEventId == null ? delivered : Math.min(lastEventId, newestSeq());
            client.lastSent = Math.max(from, delivered);
            clients.add(client);
            registered.accept(new Replay(from, delivered));
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Alert stream client not registered: %s", e.toString());
            failed.accept(e);
        }
    }

    /** What the client missed, read a page at a time on a worker thread, as the client takes it. */
    private Multi<OutboundSseEvent> replay(Client client, Replay replay) {
        if (replay.after() >= replay.upTo()) {
            return Multi.createFrom().empty();
        }
        return Multi.createBy().repeating()
                .uni(() -> new long[] {replay.after()}, last -> Uni.createFrom().item(Unchecked.supplier(() -> {
                    List<Change> page = changesAfter(last[0], replay.upTo());
                    if (!page.isEmpty()) {
                        last[0] = page.get(page.size() - 1).seq();
                    }
                    return page;
                })).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .until(List::isEmpty)
                .onItem().<Change>disjoint()
                .map(client::event);
    }

    private long newestSeq() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select coalesce(max(seq), 0) from alert_change");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** At most a page of the changes after {@code seq} and up to {@code upTo}, in seq order. */
    private List<Change> changesAfter(long seq, long upTo) throws SQLException {
        List<Change> changes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select seq, kind, created_at, alert_json"
                        + " from alert_change where seq > ? and seq <= ? order by seq limit " + PAGE)) {
            query.setLong(1, seq);
            query.setLong(2, upTo);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    changes.add(new Change(rows.getLong(1), rows.getString(2),
                            rows.getTimestamp(3).toInstant().toString(), rows.getString(4)));
                }
            }
        }
        return changes;
    }

    /** One change-feed entry; {@link #json()} is the SSE data: {@code {seq, kind, at, alert}}. */
    record Change(long seq, String kind, String at, String alertJson) {
        String json() {
            return "{\"seq\":" + seq + ",\"kind\":\"" + kind + "\",\"at\":\"" + at + "\",\"alert\":" + alertJson + "}";
        }
    }

    /** What a new client missed: the changes after {@code after} up to {@code upTo}. */
    private record Replay(long after, long upTo) {
    }

    /** One connected stream. */
    private static final class Client {
        final Sse sse;
        /** Live changes the client has not taken yet; offered to by the feed's thread only. */
        final ArrayBlockingQueue<OutboundSseEvent> buffer;
        final UnicastProcessor<OutboundSseEvent> live;
        final Runnable disconnect;
        /** Touched by the feed's thread only. */
        long lastSent;

        Client(Sse sse, int buffer, Runnable disconnect) {
            this.sse = sse;
            this.buffer = new ArrayBlockingQueue<>(buffer);
            this.live = UnicastProcessor.create(this.buffer, null);
            this.disconnect = disconnect;
        }

        /** False when the client's buffer is full: it has been disconnected and is to be dropped. */
        boolean send(Change change) {
            if (change.seq() <= lastSent) {
                return true;
            }
            if (buffer.remainingCapacity() == 0) {
                disconnect.run();
                live.onComplete();
                return false;
            }
            live.onNext(event(change));
            lastSent = change.seq();
            return true;
        }

        OutboundSseEvent event(Change change) {
            return sse.newEventBuilder().id(Long.toString(change.seq())).data(change.json()).build();
        }

        void complete() {
            live.onComplete();
        }
    }
}
