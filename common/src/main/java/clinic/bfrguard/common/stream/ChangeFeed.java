package clinic.bfrguard.common.stream;

import clinic.bfrguard.common.concurrent.BackgroundWorker;
import clinic.bfrguard.common.concurrent.DatabaseNotifications;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers a change table ({@link ChangeLog}) to Server-Sent Events clients, in seq order, each change once. The
 * service owning the table starts it with its poll and retention, stops it, and wakes it after each commit that wrote
 * a change.
 * <p>
 * One thread, the feed's, reads committed changes after the highest seq it has delivered and hands them to every
 * client; while no client is connected it reads nothing. A client is given a change only when it has asked for one
 * (the HTTP layer asks for the next event once the last one is written), so nothing piles up out of sight: what a
 * client has not taken yet waits in its own bounded queue ({@link StreamConfig#buffer()}). A client that falls
 * further behind (it reads, only more slowly than changes come) reads on from the table instead; one that takes
 * nothing for {@link StreamConfig#stallTimeout()} while changes wait is disconnected. The thread is woken right
 * after each local commit, and by PostgreSQL's notification on the channel named like the table (its trigger sends
 * it at the commit) when another replica committed a change; the poll is the safety net for a missed wake-up.
 * <p>
 * A client that reconnects with {@code Last-Event-ID} catches up from the table: another thread reads what it missed
 * a page at a time, as the client takes it, and hands each page to the feed's thread, so a long replay delays
 * nobody's live changes. Meanwhile the feed notes the highest seq it went past for that client; the catch-up ends
 * once the table has been read that far and a page comes back short, and the client takes live changes from there.
 * Every change after its {@code Last-Event-ID} reaches it exactly once, in order.
 * <p>
 * Every {@link StreamConfig#heartbeat()} each client is sent a {@code : heartbeat} comment (unless a change
 * goes out to it first), so that a quiet stream and a dead connection look different to it.
 */
public final class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    private static final int PAGE = 500;

    private final ChangeLog changes;
    private final StreamConfig config;
    private final Clock clock;
    private final String table;

    private final List<Client> clients = new ArrayList<>();
    private final BackgroundWorker worker;
    /**
     * Reads catch-ups from the table, one page per task, so that clients catching up take turns; only its thread is
     * used (it has no pass of its own to be woken for).
     */
    private final BackgroundWorker replays;
    private final DatabaseNotifications notifications;
    private final StreamSlots slots;
    private final List<String> jobs = new ArrayList<>();
    private Scheduler scheduler;
    private long delivered = -1;

    /**
     * The feed of {@code changes}, its threads called {@code <table>-feed} and {@code <table>-replay}, listening on
     * the table's channel through a connection of {@code dataSource}.
     */
    public ChangeFeed(ChangeLog changes, StreamConfig config, Clock clock, AgroalDataSource dataSource) {
        this.changes = changes;
        this.config = config;
        this.clock = clock;
        this.table = changes.table();
        this.worker = new BackgroundWorker(table + "-feed", this::drain);
        this.replays = new BackgroundWorker(table + "-replay", () -> { });
        this.notifications = new DatabaseNotifications(dataSource, table, worker);
        this.slots = new StreamSlots(config.maxPerUser());
    }

    /** How many of this feed's streams each user has open on this replica. */
    public StreamSlots slots() {
        return slots;
    }

    /**
     * Starts the feed's threads, and on {@code scheduler} its poll every {@code poll} (the safety net for a missed
     * wake-up), a heartbeat to every client each {@link StreamConfig#heartbeat()}, and once an hour the deletion of
     * the changes older than {@code retention}, which no {@code Last-Event-ID} can ask for any more.
     */
    public void start(Scheduler scheduler, Duration poll, Duration retention) {
        replays.start();
        worker.start();
        worker.wake();
        notifications.start();
        this.scheduler = scheduler;
        schedule(table + "-poll", poll.toString(), null, this::wake);
        schedule(table + "-heartbeat", config.heartbeat().toString(), null, this::heartbeat);
        schedule(table + "-retention", "1h", "1m", () -> deleteOlderThan(retention));
    }

    private void schedule(String job, String every, String delayed, Runnable task) {
        Scheduler.JobDefinition<?> definition = scheduler.newJob(job).setInterval(every)
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP).setTask(execution -> task.run());
        if (delayed != null) {
            definition.setDelayed(delayed);
        }
        definition.schedule();
        jobs.add(job);
    }

    /** Ends every stream in order (its client reconnects, to another replica) and stops the feed's threads. */
    public void stop() {
        if (scheduler != null) {
            jobs.forEach(scheduler::unscheduleJob);
            jobs.clear();
        }
        notifications.stop();
        worker.execute(() -> List.copyOf(clients).forEach(Client::end));
        worker.stop(Duration.ofSeconds(2));
        replays.stop(Duration.ofSeconds(1));
    }

    /** Reads what was committed since the last pass: the owner calls it after each local commit of a change. */
    public void wake() {
        worker.wake();
    }

    /**
     * Sends every connected client a comment ({@code : heartbeat}), so that it can tell a quiet stream from a dead
     * connection: a page that has heard nothing for longer knows it is deaf and reconnects. A client that has not
     * taken what it was sent gets its heartbeat when it next asks.
     */
    private void heartbeat() {
        worker.execute(() -> List.copyOf(clients).forEach(Client::heartbeat));
    }

    private void deleteOlderThan(Duration retention) {
        try {
            changes.deleteBefore(clock.instant().minus(retention));
        } catch (SQLException e) {
            LOG.warnf("Old entries of %s not deleted, will retry: %s", table, e.toString());
        }
    }

    /**
     * A stream of every change of {@code sites} after {@code lastEventId}, or of such changes from now on when it
     * is null. A
     * {@code Last-Event-ID} beyond the newest change (a feed that was reset) counts as "from now on". The stream
     * completes at {@code endsAt} (the token's expiry) unless that is null. {@code disconnect} closes the stream's
     * own connection: it is how a client that stopped reading is let go, since its connection would not take even
     * the end of the stream.
     */
    public Multi<OutboundSseEvent> subscribe(Long lastEventId, Set<String> sites, Instant endsAt, Sse sse,
            Runnable disconnect) {
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> {
            Client client = new Client(emitter, sites, sse, endsAt, disconnect);
            emitter.onRequest(more -> client.wantsMore());
            emitter.onTermination(() -> worker.execute(client::close));
            if (endsAt != null && !clock.instant().isBefore(endsAt)) {
                emitter.complete();
                return;
            }
            if (!worker.execute(() -> register(client, lastEventId))) {
                emitter.fail(new IllegalStateException("the stream of " + table + " is shutting down"));
            }
        }, BackPressureStrategy.ERROR);
    }

    /** One page per pass: what waits between passes (new clients, clients asking for more) is not held up. */
    private void drain() {
        endExpiredAndStalledStreams();
        if (clients.isEmpty()) {
            // nobody to hand changes to (a board closed for the night, a replica nobody is connected to): read
            // nothing; whoever connects next starts from the newest change then, as after a restart
            delivered = -1;
            return;
        }
        try {
            if (delivered < 0) {
                delivered = changes.newestSeq();
            }
            List<Change> page = changes.changesAfter(delivered, PAGE);
            List<Client> connected = List.copyOf(clients);
            for (Change change : page) {
                for (Client client : connected) {
                    client.live(change);
                }
                delivered = change.seq();
            }
            if (page.size() == PAGE) {
                worker.wake();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Reading %s failed, will retry on the next poll: %s", table, e.toString());
        }
    }

    private void endExpiredAndStalledStreams() {
        Instant now = clock.instant();
        for (Client client : List.copyOf(clients)) {
            if (client.endsAt != null && !now.isBefore(client.endsAt)) {
                client.end();
            } else {
                client.letGoIfStalled(now);
            }
        }
    }

    /**
     * Runs on the feed's thread, between two passes: the client takes live changes after {@link #delivered}, and
     * first catches up on what it missed up to there.
     */
    private void register(Client client, Long lastEventId) {
        if (client.emitter.isCancelled()) {
            return;
        }
        try {
            if (delivered < 0) {
                delivered = changes.newestSeq();
            }
            long from = lastEventId == null ? delivered : Math.min(lastEventId, changes.newestSeq());
            clients.add(client);
            client.start(from, delivered);
            if (client.endsAt != null) {
                worker.wakeAt(client.endsAt, clock);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("A stream client of %s not registered; its stream ends and it reconnects: %s", table,
                    e.toString());
            client.end();
        }
    }

    /**
     * One connected stream. The feed's thread brings it changes and decides what becomes of it; whichever thread
     * learns that the client asked for more (the HTTP layer's, when the last event is written) gives it more at
     * once. The lock guards the state between the two; the HTTP layer's thread never waits for it.
     */
    private final class Client {
        final MultiEmitter<? super OutboundSseEvent> emitter;
        /** The caller's sites: changes of other sites pass this client by. */
        final Set<String> sites;
        final Sse sse;
        /** When the stream ends (the token's expiry); null for never. */
        final Instant endsAt;
        final Runnable disconnect;
        final ReentrantLock lock = new ReentrantLock();
        /** The client asked for more while someone else held the lock: whoever holds it next gives it. */
        final AtomicBoolean wanted = new AtomicBoolean();
        /** Changes for this client that it has not asked for yet: live ones, or a page of its catch-up. */
        final ArrayDeque<Change> pending = new ArrayDeque<>();
        /** The highest seq queued for this client: nothing at or below it is queued again. */
        long lastSent;
        /** The seq of the last change the client took. */
        long taken;
        /** Since when changes have waited for the client without it taking one; null while none wait. */
        Instant waitingSince;
        /** Reading what it missed from the table rather than taking live changes. */
        boolean catchingUp;
        /** While catching up: how far the table has been read, and how far it must be (what the feed went past). */
        long readUpTo;
        long owed;
        boolean reading;
        /** The "connected" comment is due once the changes up to {@link #greetAfter} are sent (the replay's end). */
        boolean greetingDue;
        long greetAfter;
        boolean greeted;
        /** A heartbeat comment is due: sent when the client next asks and nothing else waits for it. */
        boolean heartbeatDue;
        boolean flushing;
        boolean closed;

        Client(MultiEmitter<? super OutboundSseEvent> emitter, Set<String> sites, Sse sse, Instant endsAt,
                Runnable disconnect) {
            this.emitter = emitter;
            this.sites = sites;
            this.sse = sse;
            this.endsAt = endsAt;
            this.disconnect = disconnect;
        }

        /**
         * Starts the client after {@code after}: at once with live changes when the feed has delivered nothing
         * beyond it, else with a catch-up from the table up to {@code delivered} first.
         */
        void start(long after, long delivered) {
            locked(() -> {
                lastSent = after;
                taken = after;
                if (after >= delivered) {
                    greetingDue = true;
                    greetAfter = after;
                } else {
                    readUpTo = after;
                    owed = delivered;
                    catchingUp = true;
                }
                flush();
            });
        }

        /** A change the feed read, in seq order. */
        void live(Change change) {
            locked(() -> {
                if (closed) {
                    return;
                }
                if (catchingUp) {
                    owed = Math.max(owed, change.seq());
                } else {
                    send(change);
                }
                flush();
                if (!catchingUp && pending.size() > config.buffer()) {
                    // it reads, only more slowly than changes come: what waits is read again from the table as it
                    // takes it, so that it holds no more than a page
                    owed = lastSent;
                    pending.clear();
                    lastSent = taken;
                    readUpTo = taken;
                    catchingUp = true;
                    waitingSince = null;
                    flush();
                }
            });
        }

        /** Every change this client receives passes here, replayed or live, in seq order. */
        void send(Change change) {
            if (change.seq() <= lastSent) {
                return;
            }
            if (!sites.contains(change.site())) {
                lastSent = change.seq();
                return;
            }
            if (pending.isEmpty()) {
                waitingSince = clock.instant();
            }
            pending.add(change);
            lastSent = change.seq();
        }

        /** Disconnects the client if changes have waited for it, untaken, for the stall timeout. */
        void letGoIfStalled(Instant now) {
            locked(() -> {
                Duration stallTimeout = config.stallTimeout();
                if (closed || waitingSince == null || now.isBefore(waitingSince.plus(stallTimeout))) {
                    return;
                }
                LOG.infof("A stream client of %s took none of %d waiting changes for %s and was disconnected; it"
                        + " catches up when it reconnects", table, pending.size(), stallTimeout);
                close();
                try {
                    disconnect.run();
                } catch (RuntimeException e) {
                    emitter.complete();
                }
            });
        }

        /** Gives the client as much as it asked for; while catching up, reads on once it has taken a page. */
        private void flush() {
            if (closed || flushing) {
                // re-entered from an emit: the loop below sees what was asked for meanwhile
                return;
            }
            flushing = true;
            try {
                while (emitter.requested() > 0 && !emitter.isCancelled()) {
                    if (greetingDue && (pending.isEmpty() || pending.peek().seq() > greetAfter)) {
                        greetingDue = false;
                        greeted = true;
                        heartbeatDue = false;
                        emitter.emit(sse.newEventBuilder().comment("connected").build());
                        continue;
                    }
                    Change next = pending.poll();
                    if (next == null) {
                        if (!heartbeatDue) {
                            break;
                        }
                        heartbeatDue = false;
                        emitter.emit(sse.newEventBuilder().comment("heartbeat").build());
                        continue;
                    }
                    // a change says the stream is alive as well as a heartbeat would
                    heartbeatDue = false;
                    taken = next.seq();
                    waitingSince = pending.isEmpty() ? null : clock.instant();
                    emitter.emit(sse.newEventBuilder().id(Long.toString(next.seq())).data(next.json()).build());
                }
            } finally {
                flushing = false;
            }
            if (catchingUp && pending.isEmpty() && !reading && !closed) {
                readMore();
            }
        }

        private void readMore() {
            reading = true;
            long after = readUpTo;
            int limit = Math.min(PAGE, config.buffer());
            boolean queued = replays.execute(() -> {
                try {
                    List<Change> page = changes.changesAfter(after, limit);
                    worker.execute(() -> replayed(page, limit));
                } catch (SQLException | RuntimeException e) {
                    LOG.warnf("A replay of %s not read; the stream ends and its client reconnects: %s", table,
                            e.toString());
                    worker.execute(this::end);
                }
            });
            if (!queued) {
                worker.execute(this::end);
            }
        }

        /** A page of the catch-up, read after {@link #readUpTo}; on the feed's thread. */
        private void replayed(List<Change> page, int limit) {
            locked(() -> {
                reading = false;
                if (closed) {
                    return;
                }
                page.forEach(this::send);
                if (!page.isEmpty()) {
                    readUpTo = page.get(page.size() - 1).seq();
                }
                if (page.size() < limit && readUpTo >= owed) {
                    // the table holds nothing for it that the feed will not bring: it takes live changes from here
                    catchingUp = false;
                    lastSent = Math.max(lastSent, readUpTo);
                    greetingDue = !greeted;
                    greetAfter = lastSent;
                }
                flush();
            });
        }

        /** The heartbeat's turn, on the feed's thread: a comment now, or once the client asks for more. */
        void heartbeat() {
            locked(() -> {
                if (closed) {
                    return;
                }
                heartbeatDue = true;
                flush();
            });
        }

        /** The client asked for more; any thread, and it never waits for the lock. */
        void wantsMore() {
            wanted.set(true);
            while (wanted.get() && lock.tryLock()) {
                try {
                    wanted.set(false);
                    flush();
                } finally {
                    lock.unlock();
                }
            }
        }

        private void locked(Runnable step) {
            lock.lock();
            try {
                step.run();
            } finally {
                lock.unlock();
            }
            if (wanted.get()) {
                wantsMore();
            }
        }

        /** Ends the stream in order, on the feed's thread: its client sees the end and reconnects. */
        void end() {
            close();
            emitter.complete();
        }

        /** Drops the client, on the feed's thread. */
        void close() {
            locked(() -> {
                closed = true;
                pending.clear();
            });
            clients.remove(this);
        }
    }
}
