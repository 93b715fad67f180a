package clinic.bfrguard.alert.events;

import clinic.bfrguard.alert.domain.NotificationFailure;
import clinic.bfrguard.alert.domain.NotificationKind;
import clinic.bfrguard.alert.domain.NotificationOutcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncomingEventsTests {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void recordsWithoutTheFieldsAnAlertNeedsAreRefused() {
        assertThatThrownBy(() -> new IncomingEvents.BandTimeOverrun(UUID.randomUUID(), "north", null, "LEFT_ARM",
                T0, T0, 900L, T0)).hasMessageContaining("bandId");
        assertThatThrownBy(() -> new IncomingEvents.SymptomReported(UUID.randomUUID(), "north", null, null, null,
                null, T0)).hasMessageContaining("symptom");
    }

    @Test
    void aNotificationNeedsItsAlertKindAndTimeAndNamesOfNoGreatLength() {
        UUID alert = UUID.randomUUID();
        assertThatThrownBy(() -> notification(null, NotificationKind.TRIGGER, T0, "clinician1"))
                .hasMessageContaining("alertId");
        assertThatThrownBy(() -> notification(alert, null, T0, "clinician1")).hasMessageContaining("kind");
        assertThatThrownBy(() -> notification(alert, NotificationKind.TRIGGER, null, "clinician1"))
                .hasMessageContaining("'at'");
        assertThatThrownBy(() -> notification(alert, NotificationKind.TRIGGER, T0, "c".repeat(201)))
                .hasMessageContaining("recipient").hasMessageNotContaining("ccc");
        assertThat(notification(alert, NotificationKind.TRIGGER, T0, null).attempt(NotificationOutcome.FAILED))
                .satisfies(attempt -> {
                    assertThat(attempt.alertId()).isEqualTo(alert);
                    assertThat(attempt.recipient()).isNull();
                    assertThat(attempt.outcome()).isEqualTo(NotificationOutcome.FAILED);
                    assertThat(attempt.reason()).isEqualTo(NotificationFailure.NOBODY_ON_CALL);
                });
    }

    private static IncomingEvents.Notification notification(UUID alertId, NotificationKind kind, Instant at,
            String recipient) {
        return new IncomingEvents.Notification(UUID.randomUUID(), alertId, "north", 0, 0, recipient, null, kind, 1,
                at, false, NotificationFailure.NOBODY_ON_CALL, null);
    }
}
