package clinic.bfrguard.common.events;

import clinic.bfrguard.common.problem.DatabaseFailures;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;

/**
 * Tells failures that retrying will cure from records that can never be processed. Walks the cause chain, since
 * JDBC errors arrive wrapped by Hibernate, Narayana and Agroal.
 */
public final class ConsumerFailures {

    /** SQLSTATE class 40, transaction rollback (serialization failure, deadlock): a retry passes. */
    private static final String ROLLBACK_CLASS = "40";
    /** A unique violation: two consumers raced to insert the same cause; the retry finds the winner's row. */
    private static final String UNIQUE_VIOLATION = "23505";

    private ConsumerFailures() {
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
        if (DatabaseFailures.unavailable(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (UNIQUE_VIOLATION.equals(state) || state.startsWith(ROLLBACK_CLASS)) {
                    return true;
                }
            }
            String name = t.getClass().getName();
            // a lock wait that timed out passes once the other transaction is done
            if (name.endsWith("PessimisticLockException") || name.endsWith("LockTimeoutException")
                    || t instanceof TimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
