package clinic.bfrguard.e2e.load;

import clinic.bfrguard.stack.StackSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What PostgreSQL itself counts for the three service databases (transactions committed, rows written), and its
 * settings, read as the stack's superuser. The counters are PostgreSQL's cumulative statistics: each backend reports
 * its own when a transaction ends or, at the latest, about ten seconds after it went idle, so a difference over a
 * minute is right to within those last seconds.
 */
final class PostgresCounters {

    private static final String DATABASES = "('screening', 'session', 'alert')";

    /** One database's counters. */
    record Counters(long commits, long inserted, long updated, long deleted) {

        Counters minus(Counters earlier) {
            return new Counters(commits - earlier.commits, inserted - earlier.inserted, updated - earlier.updated,
                    deleted - earlier.deleted);
        }
    }

    private PostgresCounters() {
    }

    /** The counters of each service database, by name. */
    static Map<String, Counters> read(StackSettings settings) {
        Map<String, Counters> counters = new TreeMap<>();
        try (Connection connection = connect(settings);
                PreparedStatement query = connection.prepareStatement("select datname, xact_commit, tup_inserted,"
                        + " tup_updated, tup_deleted from pg_stat_database where datname in " + DATABASES);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                counters.put(rows.getString(1), new Counters(rows.getLong(2), rows.getLong(3), rows.getLong(4),
                        rows.getLong(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read PostgreSQL's statistics", e);
        }
        return counters;
    }

    /** What {@code counters} grew by since {@code before}, by database. */
    static Map<String, Counters> since(Map<String, Counters> before, Map<String, Counters> counters) {
        Map<String, Counters> grown = new TreeMap<>();
        counters.forEach((database, now) -> grown.put(database,
                now.minus(before.getOrDefault(database, new Counters(0, 0, 0, 0)))));
        return grown;
    }

    /** The value of one server setting ({@code SHOW name}). */
    static String setting(StackSettings settings, String name) {
        try (Connection connection = connect(settings);
                PreparedStatement query = connection.prepareStatement(
                        "select setting from pg_settings where name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read PostgreSQL's setting " + name, e);
        }
    }

    private static Connection connect(StackSettings settings) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + settings.postgresPort() + "/postgres",
                "postgres", "");
    }
}
