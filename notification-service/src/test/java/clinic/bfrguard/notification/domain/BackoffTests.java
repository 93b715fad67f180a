package clinic.bfrguard.notification.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

    @Test
    void theWaitDoublesUpToTheMaximum() {
        Duration initial = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(30);

        assertThat(Backoff.after(1, initial, max)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.after(2, initial, max)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.after(5, initial, max)).isEqualTo(Duration.ofSeconds(16));
        assertThat(Backoff.after(6, initial, max)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.after(500, initial, max)).isEqualTo(Duration.ofSeconds(30));
    }
}
