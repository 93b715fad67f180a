package clinic.bfrguard.alert.events;

import clinic.bfrguard.common.events.InvalidEventException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTests {

    @Test
    void aBadRecordIsInvalidHoweverWrapped() {
        RuntimeException wrapped = new IllegalStateException(new InvalidEventException("not JSON"));
        assertThat(Failures.isInvalidRecord(wrapped)).isTrue();
        assertThat(Failures.isTransient(wrapped)).isFalse();
    }

    @Test
    void databaseOutagesAndRacesAreTransient() {
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("gone", "08006")))).isTrue();
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("deadlock", "40P01")))).isTrue();
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("dup", "23505")))).isTrue();
        assertThat(Failures.isTransient(new RuntimeException(new SQLTransientConnectionException("pool")))).isTrue();
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("shutdown", "57P01")))).isTrue();
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))))
                .isTrue();
    }

    @Test
    void dataErrorsAreNotTransient() {
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("too long", "22001")))).isFalse();
        assertThat(Failures.isTransient(new NullPointerException())).isFalse();
    }
}
