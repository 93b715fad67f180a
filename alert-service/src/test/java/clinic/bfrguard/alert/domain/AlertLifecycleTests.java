package clinic.bfrguard.alert.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertLifecycleTests {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final EscalationPolicy policy = new EscalationPolicy(Duration.ofMinutes(2), 3);

    private Alert critical() {
        return Alert.raise(new Cause(AlertType.ADVERSE_SYMPTOM, Severity.CRITICAL, "k", "P-1", "m", T0, null,
                UUID.randomUUID(), null, null), T0, policy);
    }

    @Test
    void aNewAlertIsOpenWithOneOccurrenceAndAnEscalationDue() {
        Alert alert = critical();
        assertThat(alert.status).isEqualTo(AlertStatus.OPEN);
        assertThat(alert.occurrences).isEqualTo(1);
        assertThat(alert.nextEscalationAt).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void acknowledgingRecordsWhoAndWhenAndStopsEscalation() {
        Alert alert = critical();
        alert.acknowledge("clinician1", T0.plusSeconds(30));
        assertThat(alert.status).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(alert.acknowledgedBy).isEqualTo("clinician1");
        assertThat(alert.acknowledgedAt).isEqualTo(T0.plusSeconds(30));
        assertThat(alert.nextEscalationAt).isNull();
        assertThatThrownBy(() -> alert.acknowledge("clinician2", T0.plusSeconds(31)))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("already acknowledged by clinician1");
    }

    @Test
    void resolvingTwiceOrAcknowledgingAResolvedAlertIsRefused() {
        Alert alert = critical();
        alert.resolve("clinician1", T0.plusSeconds(60), "limb checked", false);
        assertThat(alert.status).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alert.acknowledgedBy).isEqualTo("clinician1");
        assertThat(alert.resolveNote).isEqualTo("limb checked");
        assertThatThrownBy(() -> alert.resolve("clinician1", T0.plusSeconds(61), null, false))
                .isInstanceOf(LifecycleException.class);
        assertThatThrownBy(() -> alert.acknowledge("clinician1", T0.plusSeconds(61)))
                .isInstanceOf(LifecycleException.class);
    }

    @Test
    void aResolvedSymptomRecursButAResolvedBandAlertAbsorbs() {
        Alert symptom = critical();
        symptom.resolve("c", T0, null, false);
        assertThat(symptom.absorbs(new Cause(AlertType.ADVERSE_SYMPTOM, Severity.CRITICAL, "k", "P-1", "m", T0,
                null, null, null, null))).isFalse();
        Alert band = Alert.raise(new Cause(AlertType.BAND_TIME_WARNING, Severity.WARNING, "b", "P-1", "m", T0, null,
                null, UUID.randomUUID(), "LEFT_ARM"), T0, policy);
        band.resolve("c", T0, null, true);
        assertThat(band.absorbs(new Cause(AlertType.BAND_TIME_WARNING, Severity.WARNING, "b", "P-1", "m2", T0, null,
                null, null, null))).isTrue();
    }

    @Test
    void anotherOccurrenceCountsAndTakesTheLatestMessage() {
        Alert alert = critical();
        alert.occurredAgain(new Cause(AlertType.ADVERSE_SYMPTOM, Severity.CRITICAL, "k", "P-1", "newer",
                T0.plusSeconds(5), null, null, null, null));
        assertThat(alert.occurrences).isEqualTo(2);
        assertThat(alert.message).isEqualTo("newer");
        assertThat(alert.lastOccurredAt).isEqualTo(T0.plusSeconds(5));
    }
}
