package clinic.bfrguard.common.problem;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a database that cannot be reached (stopped, restarting, out of connections) in an exception's cause
 * chain: JDBC errors arrive wrapped by Hibernate, Narayana and Agroal. Such a failure passes once the database is
 * back, so the API answers 503 and consumers retry.
 */
public final class DatabaseFailures {

    /** SQLSTATE classes: connection exception (08), insufficient resources (53), operator intervention (57). */
    private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53", "57");

    private DatabaseFailures() {
    }

    public static boolean unavailable(Throwable failure) {
        return unavailableCause(failure).isPresent();
    }

    /**
     * The failure in the chain that says the database is unavailable, for a log line: its class and SQLSTATE tell
     * what happened; its message is not needed (and a driver's message may quote a statement's values).
     */
    public static Optional<Throwable> unavailableCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLRecoverableException || t instanceof SQLTransientConnectionException) {
                return Optional.of(t);
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && state.length() >= 2 && UNAVAILABLE_CLASSES.contains(state.substring(0, 2))) {
                    return Optional.of(t);
                }
                // Agroal: no connection came free (or could be opened) within the acquisition timeout
                if (state == null && t.getMessage() != null
                        && t.getMessage().toLowerCase().contains("acquisition timeout")) {
                    return Optional.of(t);
                }
            }
            if (t.getClass().getName().endsWith("JDBCConnectionException")) {
                return Optional.of(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Class and SQLSTATE of a failure, never its message. */
    public static String describe(Throwable failure) {
        String name = failure.getClass().getName();
        return failure instanceof SQLException sql && sql.getSQLState() != null
                ? name + " (SQLSTATE " + sql.getSQLState() + ")"
                : name;
    }
}
