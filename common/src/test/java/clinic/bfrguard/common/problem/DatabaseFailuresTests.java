package clinic.bfrguard.common.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailuresTests {

    @Test
    void aDatabaseThatCannotBeReachedIsUnavailableHoweverWrapped() {
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("refused", "08001")))).isTrue();
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("admin shutdown", "57P01")))).isTrue();
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("starting up", "57P03")))).isTrue();
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("too many clients", "53300")))).isTrue();
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLTransientConnectionException("pool")))).isTrue();
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("Sorry, acquisition timeout!")))).isTrue();
    }

    @Test
    void defectsAndBadValuesAreNotAnOutage() {
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("too long", "22001")))).isFalse();
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("duplicate", "23505")))).isFalse();
        assertThat(DatabaseFailures.unavailable(wrapped(new SQLException("syntax", "42601")))).isFalse();
        assertThat(DatabaseFailures.unavailable(new NullPointerException())).isFalse();
    }

    @Test
    void aLogLineNamesTheFailureButNotItsMessage() {
        SQLException refused = new SQLException("value 'P-123' refused", "08001");
        assertThat(DatabaseFailures.unavailableCause(wrapped(refused))).containsSame(refused);
        assertThat(DatabaseFailures.describe(refused)).isEqualTo("java.sql.SQLException (SQLSTATE 08001)")
                .doesNotContain("P-123");
    }

    private static RuntimeException wrapped(Throwable cause) {
        return new IllegalStateException("transaction failed", new RuntimeException(cause));
    }
}
