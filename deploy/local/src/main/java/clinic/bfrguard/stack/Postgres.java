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
import java.util.List;

/**
 * Real PostgreSQL from Maven Central binaries, with a data directory that survives restarts, and the three
 * service databases (each owned by a user of the same name and password: local demo values).
 */
final class Postgres implements AutoCloseable {

    static final List<String> DATABASES = List.of("screening", "session", "alert");

    private final EmbeddedPostgres server;

    private Postgres(EmbeddedPostgres server) {
        this.server = server;
    }

    static Postgres start(StackSettings settings) throws IOException {
        Path data = settings.workDirectory().resolve("postgres");
        Files.createDirectories(data);
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setPort(settings.postgresPort())
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(settings.workDirectory().resolve("postgres-binaries").toFile())
                .setServerConfig("max_connections", "200")
                // durable commits, as PostgreSQL's own defaults and production have them (the embedded
                // server's defaults turn both off): "nothing lost" must hold through a power cut, and the
                // load run must measure what a real commit costs
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        Postgres postgres = new Postgres(server);
        postgres.createDatabases();
        return postgres;
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
    public void close() throws IOException {
        server.close();
    }
}
