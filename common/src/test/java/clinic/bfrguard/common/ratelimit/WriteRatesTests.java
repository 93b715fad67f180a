package clinic.bfrguard.common.ratelimit;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WriteRatesTests {

    /** A clock the test moves by hand. */
    private static final class Time implements TimeMeter {

        private long nanos;

        void pass(long amount, TimeUnit unit) {
            nanos += unit.toNanos(amount);
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private final Time time = new Time();

    @Test
    void theWriteAfterTheAllowanceIsRefusedWithTheSecondsUntilTheNextOne() {
        WriteRates rates = new WriteRates(6, time);
        for (int i = 0; i < 6; i++) {
            rates.take("physio1");
        }
        TooManyWrites refused = catchThrowableOfType(TooManyWrites.class, () -> rates.take("physio1"));
        // six a minute: one comes back every ten seconds
        assertThat(refused.retryAfterSeconds()).isEqualTo(10);
        assertThat(refused).hasMessageContaining("more than 6 changes a minute");

        time.pass(4, TimeUnit.SECONDS);
        assertThat(catchThrowableOfType(TooManyWrites.class, () -> rates.take("physio1")).retryAfterSeconds())
                .isEqualTo(6);
    }

    @Test
    void theAllowanceComesBackEvenlyOverTheMinute() {
        WriteRates rates = new WriteRates(6, time);
        for (int i = 0; i < 6; i++) {
            rates.take("physio1");
        }
        time.pass(10, TimeUnit.SECONDS);
        rates.take("physio1");
        assertThatThrownBy(() -> rates.take("physio1")).isInstanceOf(TooManyWrites.class);

        time.pass(1, TimeUnit.MINUTES);
        for (int i = 0; i < 6; i++) {
            rates.take("physio1");
        }
        assertThatThrownBy(() -> rates.take("physio1")).isInstanceOf(TooManyWrites.class);
    }

    @Test
    void oneUsersWritesLeaveAnothersAllowanceAlone() {
        WriteRates rates = new WriteRates(2, time);
        rates.take("physio1");
        rates.take("physio1");
        assertThatThrownBy(() -> rates.take("physio1")).isInstanceOf(TooManyWrites.class);

        rates.take("physio2");
        rates.take("physio2");
        assertThatThrownBy(() -> rates.take("physio2")).isInstanceOf(TooManyWrites.class);
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndNeverZero() {
        assertThat(WriteRates.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(WriteRates.retryAfterSeconds(TimeUnit.SECONDS.toNanos(1))).isEqualTo(1);
        assertThat(WriteRates.retryAfterSeconds(TimeUnit.MILLISECONDS.toNanos(1_001))).isEqualTo(2);
        assertThat(WriteRates.retryAfterSeconds(0)).isEqualTo(1);
    }

    @Test
    void anAllowanceOfNoWritesIsAConfigurationMistake() {
        assertThatThrownBy(() -> new WriteRates(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
