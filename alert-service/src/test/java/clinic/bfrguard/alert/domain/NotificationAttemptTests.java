package clinic.bfrguard.alert.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationAttemptTests {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final UUID ALERT = UUID.randomUUID();

    private static NotificationAttempt failed(String recipient, String channel, NotificationFailure reason,
            String detail) {
        return new NotificationAttempt(ALERT, NotificationOutcome.FAILED, NotificationKind.TRIGGER, 1, 0, recipient,
                channel, 2, T0, true, reason, detail);
    }

    @Test
    void aLongChannelAnswerIsCutToTheBoundAndMarkedAsCut() {
        String detail = failed("clinician1", "email", NotificationFailure.CHANNEL_FAILED, "5".repeat(2000)).detail();
        assertThat(detail).hasSize(NotificationAttempt.MAX_DETAIL).endsWith("…").startsWith("555");
        assertThat(failed("clinician1", "email", NotificationFailure.CHANNEL_FAILED, "x".repeat(500)).detail())
                .hasSize(500).doesNotContain("…");
    }

    @Test
    void aCutNeverSplitsACharacter() {
        String detail = "a".repeat(NotificationAttempt.MAX_DETAIL - 2) + "😀😀";
        String cut = failed("clinician1", "email", NotificationFailure.CHANNEL_FAILED, detail).detail();
        assertThat(cut).endsWith("…").hasSizeLessThanOrEqualTo(NotificationAttempt.MAX_DETAIL);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    }

    @Test
    void nobodyOnCallHasNoRecipientOrChannelAndBlankNamesCountAsNone() {
        NotificationAttempt nobody = failed(" ", "", NotificationFailure.NOBODY_ON_CALL, " ");
        assertThat(nobody.recipient()).isNull();
        assertThat(nobody.channel()).isNull();
        assertThat(nobody.detail()).isNull();
        assertThat(nobody.reason()).isEqualTo(NotificationFailure.NOBODY_ON_CALL);
    }

    @Test
    void aDeliveredNotificationHasNoFailureReasonAndNothingFollowsIt() {
        NotificationAttempt sent = new NotificationAttempt(ALERT, NotificationOutcome.SENT, NotificationKind.TRIGGER,
                0, 0, "clinician1", "email", 1, T0, true, NotificationFailure.CHANNEL_FAILED, "250 OK");
        assertThat(sent.reason()).isNull();
        assertThat(sent.retrying()).isFalse();
        assertThat(sent.detail()).isEqualTo("250 OK");
    }

    @Test
    void anEntryOfTheTrailBelongsToItsAlertAndTakesTheAlertsSite() {
        Alert alert = new Alert();
        alert.id = ALERT;
        alert.site = "north";
        UUID event = UUID.randomUUID();
        AlertNotification entry = AlertNotification.of(event, alert, failed("clinician1", "webhook:pager",
                NotificationFailure.CHANNEL_FAILED, "HTTP 500"));
        assertThat(entry.eventId).isEqualTo(event);
        assertThat(entry.site).isEqualTo("north");
        assertThat(entry.outcome).isEqualTo(NotificationOutcome.FAILED);
        assertThat(entry.retrying).isTrue();

        Alert other = new Alert();
        other.id = UUID.randomUUID();
        other.site = "north";
        assertThatThrownBy(() -> AlertNotification.of(event, other, failed(null, null,
                NotificationFailure.NOBODY_ON_CALL, null))).isInstanceOf(IllegalArgumentException.class);
    }
}
