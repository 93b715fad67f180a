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
 * databases. Each database has two login roles, as in production: {@code <name>_owner} owns the database and its
 * tables and runs the migrations, {@code <name>} is the role the service runs as, which owns nothing and may not
 * change the audit trail (the migrations grant it what it needs). Passwords are the role names: local demo values.
 */
final class Postgres implements Component {

    static final String NAME = "postgres";
    static final List<String> DATABASES = List.of("screening", "session", "alert", "notification");
    /** The suffix of the role that owns a service's database and migrates it. */
    static final String OWNER_SUFFIX = "_owner";
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
                String owner = owner(name);
                for (String role : List.of(name, owner)) {
                    if (!exists(admin, "select 1 from pg_roles where rolname = ?", role)) {
                        statement.execute("create role " + role + " login password '" + role + "'");
                    }
                }
                if (!exists(admin, "select 1 from pg_database where datname = ?", name)) {
                    statement.execute("create database " + name + " owner " + owner);
                } else {
                    handOverTo(owner, name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the service databases", e);
        }
    }

    /** The role that owns {@code database} and migrates it. */
    static String owner(String database) {
        return database + OWNER_SUFFIX;
    }

    /**
     * A data directory from before the owner roles, where the service's role owned its database: the owner role takes
     * the database and everything in it; the next migration run grants the service's role its rights again.
     */
    private void handOverTo(String owner, String database) throws SQLException {
        try (Connection connection = server.getDatabase("postgres", database).getConnection();
                Statement statement = connection.createStatement()) {
            if (exists(connection, "select 1 from pg_database where datname = current_database()"
                    + " and pg_get_userbyid(datdba) = ?", database)) {
                statement.execute("alter database " + database + " owner to " + owner);
                statement.execute("reassign owned by " + database + " to " + owner);
            }
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
