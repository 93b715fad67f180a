package clinic.bfrguard.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Real PostgreSQL from Maven Central binaries, with a data directory that survives restarts, and the service
 * databases (each owned by a user of the same name and password: local demo values).
 */
final class Postgres implements Component {

    static final String NAME = "postgres";
    static final List<String> DATABASES = List.of("screening", "session", "alert", "notification");
    /** Below the work directory: the unpacked binaries, a download that a clean start keeps. */
    static final String BINARIES = "postgres-binaries";

    private final StackSettings settings;
    private final Path data;
    private final Path log;
    private boolean startedBefore;
    private EmbeddedPostgres server;
    private long startedAt;

    Postgres(StackSettings settings) {
        this.settings = settings;
        this.data = settings.workDirectory().resolve(NAME);
        this.log = settings.logDirectory().resolve(NAME + ".log");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Returns once the server takes connections: the embedded server's start waits for that itself. */
    @Override
    public void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("PostgreSQL is running already");
        }
        Progress.say("starting PostgreSQL on " + settings.postgresPort());
        startedAt = System.nanoTime();
        Files.createDirectories(data);
        Files.createDirectories(log.getParent());
        if (!startedBefore) {
            Files.deleteIfExists(log);
        }
        startedBefore = true;
        // initdb, pg_ctl and the server are separate processes: each adds to the one log
        ProcessBuilder.Redirect output = ProcessBuilder.Redirect.appendTo(log.toFile());
        server = EmbeddedPostgres.builder()
                .setPort(settings.postgresPort())
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(settings.workDirectory().resolve(BINARIES).toFile())
                .setOutputRedirector(output)
                .setErrorRedirector(output)
                .setServerConfig("max_connections", "200")
                // durable commits, as PostgreSQL's own defaults and production have them (the embedded
                // server's defaults turn both off): "nothing lost" must hold through a power cut, and the
                // load run must measure what a real commit costs
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        createDatabases();
    }

    @Override
    public Duration awaitReady(Duration timeout) {
        if (server == null) {
            throw new IllegalStateException("PostgreSQL was not started");
        }
        Progress.await("PostgreSQL", timeout, null, this::answers);
        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
        Progress.say("PostgreSQL ready (" + Progress.seconds(took) + "), databases " + DATABASES);
        return took;
    }

    private boolean answers() {
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void createDatabases() {
        try (Connection admin = server.getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            for (String name : DATABASES) {
                if (!exists(admin, "select 1 from pg_roles where rolname = ?", name)) {
                    statement.execute("create role " + name + " login password '" + name + "'");
                }
                if (!exists(admin, "select 1 from pg_database where datname = ?", name)) {
                    statement.execute("create database " + name + " owner " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the service databases", e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public boolean running() {
        return server != null;
    }

    /** A fast shutdown: open sessions are ended. */
    @Override
    public void stop() {
        if (server == null) {
            return;
        }
        EmbeddedPostgres running = server;
        server = null;
        try {
            running.close();
        } catch (IOException e) {
            Progress.say("PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    /** The postmaster's, from its pid file. */
    @Override
    public long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    }

    @Override
    public Path log() {
        return log;
    }
}
