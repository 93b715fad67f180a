package clinic.bfrguard.alert.events;

import clinic.bfrguard.common.events.InvalidEventException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells failures that retrying will cure from records that can never be processed. Walks the cause chain, since
 * JDBC errors arrive wrapped by Hibernate, Narayana and Agroal.
 */
public final class Failures {

    /** SQLSTATE classes of failures that pass: connection (08), rollback (40), resources (53), operator (57). */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57");
    /** A unique violation: two consumers raced to insert the same cause; the retry finds the winner's row. */
    private static final String UNIQUE_VIOLATION = "23505";

    private Failures() {
    }

    public static boolean isInvalidRecord(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidEventException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() == null && t.getMessage() != null
                    && t.getMessage().toLowerCase().contains("acquisition timeout")) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (UNIQUE_VIOLATION.equals(state) || state.length() >= 2
                        && TRANSIENT_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
            }
            String name = t.getClass().getName();
            // a lost connection or a lock wait that timed out: both pass once the database catches up
            if (name.endsWith("JDBCConnectionException") || name.endsWith("PessimisticLockException")
                    || name.endsWith("LockTimeoutException") || t instanceof TimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
