package clinic.bfrguard.common.events;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerFailuresTests {

    @Test
    void aBadRecordIsInvalidHoweverWrapped() {
        RuntimeException wrapped = new IllegalStateException(new InvalidEventException("not JSON"));
        assertThat(ConsumerFailures.isInvalidRecord(wrapped)).isTrue();
        assertThat(ConsumerFailures.isTransient(wrapped)).isFalse();
    }

    @Test
    void databaseOutagesAndRacesAreTransient() {
        assertThat(ConsumerFailures.isTransient(new RuntimeException(new SQLException("gone", "08006")))).isTrue();
        assertThat(ConsumerFailures.isTransient(new RuntimeException(new SQLException("deadlock", "40P01")))).isTrue();
        assertThat(ConsumerFailures.isTransient(new RuntimeException(new SQLException("dup", "23505")))).isTrue();
        assertThat(ConsumerFailures.isTransient(new RuntimeException(new SQLTransientConnectionException("pool")))).isTrue();
        assertThat(ConsumerFailures.isTransient(new RuntimeException(new SQLException("shutdown", "57P01")))).isTrue();
        assertThat(ConsumerFailures.isTransient(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))))
                .isTrue();
    }

    @Test
    void dataErrorsAreNotTransient() {
        assertThat(ConsumerFailures.isTransient(new RuntimeException(new SQLException("too long", "22001")))).isFalse();
        assertThat(ConsumerFailures.isTransient(new NullPointerException())).isFalse();
    }
}
