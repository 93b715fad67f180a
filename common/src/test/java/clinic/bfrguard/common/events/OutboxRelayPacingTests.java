package clinic.bfrguard.common.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRelayPacingTests {

    private static final long INTERVAL = Duration.ofMillis(100).toNanos();
    private static final long START = 5_000_000_000L;

    @Test
    void withoutAnIntervalEveryPassGoesAtOnce() {
        assertThat(OutboxRelay.pauseNanos(true, START, START + 1, 0)).isZero();
    }

    @Test
    void theFirstPassGoesAtOnce() {
        assertThat(OutboxRelay.pauseNanos(false, 0, START, INTERVAL)).isZero();
    }

    @Test
    void aPassSoonAfterAnotherWaitsForTheRestOfTheInterval() {
        long now = START + Duration.ofMillis(30).toNanos();
        assertThat(OutboxRelay.pauseNanos(true, START, now, INTERVAL)).isEqualTo(Duration.ofMillis(70).toNanos());
    }

    @Test
    void aPassAfterAQuietSpellGoesAtOnce() {
        assertThat(OutboxRelay.pauseNanos(true, START, START + INTERVAL, INTERVAL)).isZero();
        assertThat(OutboxRelay.pauseNanos(true, START, START + Duration.ofMinutes(5).toNanos(), INTERVAL)).isZero();
    }
}
