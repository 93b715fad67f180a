package clinic.bfrguard.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real PostgreSQL server per test JVM: the server named by {@code TEST_POSTGRES_URL} (a JDBC URL of any
 * database on it, with {@code TEST_POSTGRES_USER} / {@code TEST_POSTGRES_PASSWORD}) when that is set, otherwise
 * real PostgreSQL binaries from Maven Central (zonky) on a free port, started on first use.
 */
public final class PostgresTestServer {

    private static String host;
    private static int port;
    private static String user;
    private static String password;
    private static EmbeddedPostgres embedded;

    private PostgresTestServer() {
    }

    /** A JDBC URL of {@code database}, created if it does not exist yet. */
    public static synchronized String jdbcUrl(String database) {
        start();
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        try (Connection admin = DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres", user, password)) {
            try (PreparedStatement exists = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rows = exists.executeQuery()) {
                    if (!rows.next()) {
                        try (Statement create = admin.createStatement()) {
                            create.execute("create database \"" + database.replace("\"", "") + "\"");
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare test database " + database, e);
        }
        return url;
    }

    public static synchronized String user() {
        start();
        return user;
    }

    public static synchronized String password() {
        start();
        return password;
    }

    private static void start() {
        if (host != null) {
            return;
        }
        String external = System.getenv("TEST_POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            String rest = external.substring(external.indexOf("//") + 2);
            String hostPort = rest.substring(0, rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'));
            host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
            port = hostPort.contains(":") ? Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1)) : 5432;
            user = System.getenv().getOrDefault("TEST_POSTGRES_USER", "postgres");
            password = System.getenv().getOrDefault("TEST_POSTGRES_PASSWORD", "postgres");
            return;
        }
        try {
            embedded = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        host = "localhost";
        port = embedded.getPort();
        user = "postgres";
        password = "postgres";
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the JVM is exiting; the data directory is temporary
            }
        }, "postgres-test-server-stop"));
    }
}
