package clinic.bfrguard.notification.channels;

import clinic.bfrguard.notification.domain.AlertSummary;
import clinic.bfrguard.notification.domain.Delivery;
import clinic.bfrguard.notification.domain.NotificationKind;
import clinic.bfrguard.notification.domain.NotificationText;
import clinic.bfrguard.notification.domain.Target;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PushMessagesTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI CONSOLE = URI.create("https://bfr.clinic.example");
    private static final Instant NOW = Instant.parse("2026-12-03T07:20:00Z");
    private static final Target PHONE = new Target("push:0123456789ab", "https://push.example/x", null, null, null);

    private static AlertSummary alert(String type, String severity) {
        return new AlertSummary(UUID.fromString("a5916e81-1c2a-4df9-9960-ffd855b0b0be"), "north", "P-74edbf89",
                type, severity, "OPEN", "LEFT_THIGH", null, Instant.parse("2026-12-03T07:17:49Z"), 0);
    }

    private static JsonNode payload(AlertSummary alert, NotificationKind kind) {
        return PushMessages.payload(JSON, new Delivery(UUID.randomUUID(), "key", kind, false, "clinician1", PHONE,
                alert, 0, 0, NotificationText.page(alert, 0, 0, false, NOW, CONSOLE, false),
                NotificationText.link(CONSOLE, alert)), CONSOLE);
    }

    @Test
    void aCriticalPageAsksForInteractionUnderTheAlertsTagWithoutThePatient() {
        JsonNode shown = payload(alert("BAND_TIME_OVERRUN", "CRITICAL"), NotificationKind.TRIGGER);

        assertThat(shown.get("title").asText()).isEqualTo("Band on too long · CRITICAL");
        assertThat(shown.get("tag").asText()).isEqualTo("a5916e81-1c2a-4df9-9960-ffd855b0b0be");
        assertThat(shown.get("requireInteraction").asBoolean()).isTrue();
        assertThat(shown.get("url").asText())
                .isEqualTo("https://bfr.clinic.example/board.html#alert=a5916e81-1c2a-4df9-9960-ffd855b0b0be");
        assertThat(shown.get("body").asText()).contains("LEFT_THIGH").contains("north");
        assertThat(shown.toString()).doesNotContain("P-74edbf89");
    }

    @Test
    void aHighPageMayBeDismissedAndAnAcknowledgementReplacesThePage() {
        AlertSummary symptom = alert("ADVERSE_SYMPTOM", "HIGH");
        assertThat(payload(symptom, NotificationKind.TRIGGER).get("requireInteraction").asBoolean()).isFalse();

        JsonNode answered = payload(alert("BAND_TIME_OVERRUN", "CRITICAL"), NotificationKind.ACKNOWLEDGE);
        assertThat(answered.get("kind").asText()).isEqualTo("ACKNOWLEDGE");
        assertThat(answered.get("tag").asText()).isEqualTo("a5916e81-1c2a-4df9-9960-ffd855b0b0be");
        assertThat(answered.get("title").asText()).isEqualTo("Acknowledged: Band on too long · CRITICAL");
        assertThat(answered.get("requireInteraction").asBoolean()).isFalse();
        assertThat(payload(symptom, NotificationKind.RESOLVE).get("title").asText())
                .startsWith("Resolved: Adverse symptom during a session");
    }

    @Test
    void aTestNotificationOpensTheContactsPage() {
        JsonNode shown = PushMessages.payload(JSON, new Delivery(UUID.randomUUID(), "test/u/1",
                NotificationKind.TRIGGER, true, "clinician1", PHONE, null, 0, 0,
                NotificationText.test("clinician1", NOW), null), CONSOLE);

        assertThat(shown.get("kind").asText()).isEqualTo("TEST");
        assertThat(shown.get("tag").asText()).isEqualTo(PushMessages.TEST_TAG);
        assertThat(shown.get("url").asText()).isEqualTo("https://bfr.clinic.example/contacts.html");
    }
}
