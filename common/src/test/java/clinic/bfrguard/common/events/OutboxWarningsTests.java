package clinic.bfrguard.common.events;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxWarningsTests {

    @Test
    void anEventThatKeepsFailingIsWarnedAboutAtFirstThenEveryHundredthAttempt() {
        assertThat(IntStream.range(0, 1000).filter(OutboxRelay::worthAWarning).map(before -> before + 1))
                .containsExactly(1, 2, 3, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000);
    }
}
