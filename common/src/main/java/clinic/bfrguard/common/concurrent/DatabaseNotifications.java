package clinic.bfrguard.common.concurrent;

import io.agroal.api.AgroalDataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Wakes a {@link BackgroundWorker} whenever any replica commits a change that PostgreSQL announces on a channel
 * ({@code LISTEN} / {@code NOTIFY}, sent by a trigger at commit), so that work another replica made is seen within
 * milliseconds instead of at the next poll. One connection of the pool is held for listening. After a lost
 * connection it listens again after a pause and wakes the worker once, since announcements made meanwhile are not
 * replayed; the worker's poll stays the safety net for that pause.
 */
public final class DatabaseNotifications {

    private static final Logger LOG = Logger.getLogger(DatabaseNotifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final int WAIT_MILLIS = 500;
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final AgroalDataSource dataSource;
    private final String channel;
    private final BackgroundWorker worker;
    private volatile boolean running;
    private volatile Thread thread;

    public DatabaseNotifications(AgroalDataSource dataSource, String channel, BackgroundWorker worker) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        this.dataSource = dataSource;
        this.channel = channel;
        this.worker = worker;
    }

    public void start() {
        running = true;
        Thread listener = new Thread(this::listen, channel + "-listener");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    public void stop() {
        running = false;
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(WAIT_MILLIS * 2L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void listen() {
        boolean failed = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                if (failed) {
                    LOG.infof("Listening on %s again", channel);
                    failed = false;
                }
                worker.wake();
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        worker.wake();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failed) {
                    LOG.warnf("Not listening on %s (%s); the poll covers until it listens again", channel,
                            e.toString());
                    failed = true;
                }
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
