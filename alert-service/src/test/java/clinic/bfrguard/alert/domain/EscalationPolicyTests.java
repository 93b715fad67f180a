package clinic.bfrguard.alert.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EscalationPolicyTests {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final EscalationPolicy policy = new EscalationPolicy(Duration.ofMinutes(2), 3);

    @Test
    void onlyCriticalAlertsEscalateAfterTheInterval() {
        assertThat(policy.firstEscalationAt(Severity.CRITICAL, T0)).isEqualTo(T0.plusSeconds(120));
        assertThat(policy.firstEscalationAt(Severity.HIGH, T0)).isNull();
        assertThat(policy.firstEscalationAt(Severity.WARNING, T0)).isNull();
        assertThat(policy.firstEscalationAt(Severity.INFO, T0)).isNull();
    }

    @Test
    void dueOnlyWhileOpenAndOnceTheTimeHasCome() {
        Instant due = T0.plusSeconds(120);
        assertThat(policy.isDue(AlertStatus.OPEN, due, due.minusMillis(1))).isFalse();
        assertThat(policy.isDue(AlertStatus.OPEN, due, due)).isTrue();
        assertThat(policy.isDue(AlertStatus.ACKNOWLEDGED, due, due.plusSeconds(60))).isFalse();
        assertThat(policy.isDue(AlertStatus.RESOLVED, due, due.plusSeconds(60))).isFalse();
        assertThat(policy.isDue(AlertStatus.OPEN, null, due)).isFalse();
    }

    @Test
    void repeatsAtTheIntervalUpToTheLimit() {
        Instant first = T0.plusSeconds(120);
        Instant second = policy.nextEscalationAt(1, first, first.plusMillis(300));
        assertThat(second).isEqualTo(T0.plusSeconds(240));
        Instant third = policy.nextEscalationAt(2, second, second.plusMillis(300));
        assertThat(third).isEqualTo(T0.plusSeconds(360));
        assertThat(policy.nextEscalationAt(3, third, third)).isNull();
    }

    @Test
    void afterAnOutageTheNextEscalationIsAFullIntervalAway() {
        Instant due = T0.plusSeconds(120);
        Instant now = due.plusSeconds(600);
        assertThat(policy.nextEscalationAt(1, due, now)).isEqualTo(now.plusSeconds(120));
    }

    @Test
    void limitZeroNeverEscalates() {
        assertThat(new EscalationPolicy(Duration.ofMinutes(2), 0).firstEscalationAt(Severity.CRITICAL, T0)).isNull();
    }

    @Test
    void rejectsANonPositiveInterval() {
        assertThatThrownBy(() -> new EscalationPolicy(Duration.ZERO, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
