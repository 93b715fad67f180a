package clinic.bfrguard.notification.channels;

import clinic.bfrguard.notification.domain.AlertSummary;
import clinic.bfrguard.notification.domain.Delivery;
import clinic.bfrguard.notification.domain.NotificationKind;
import clinic.bfrguard.notification.domain.NotificationText;
import clinic.bfrguard.notification.domain.Target;
import clinic.bfrguard.notification.domain.WebhookFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookBodiesTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI CONSOLE = URI.create("https://bfr.clinic.example");
    private static final Instant NOW = Instant.parse("2026-12-03T07:20:00Z");
    private static final AlertSummary ALERT = new AlertSummary(UUID.fromString("a5916e81-1c2a-4df9-9960-ffd855b0b0be"),
            "north", "P-74edbf89", "BAND_TIME_OVERRUN", "CRITICAL", "OPEN", "LEFT_THIGH", null,
            Instant.parse("2026-12-03T07:17:49Z"), 1);

    private static Delivery delivery(NotificationKind kind, WebhookFormat format) {
        return new Delivery(UUID.fromString("0c7e9d4a-8f7b-4f7e-a4a8-2a7b9d6c1e55"), "key", kind, false,
                "clinician2", new Target("webhook:pager", "https://events.pagerduty.com/v2/enqueue", format,
                        "R0UT1NGKEY", null), ALERT, 1, 1, NotificationText.page(ALERT, 1, 1, false, NOW, CONSOLE, false),
                NotificationText.link(CONSOLE, ALERT));
    }

    @Test
    void aPagerDutyTriggerIsAnEventsApiV2EventWithTheAlertAsDedupKey() {
        JsonNode event = WebhookBodies.pagerDuty(JSON, delivery(NotificationKind.TRIGGER, WebhookFormat.PAGERDUTY),
                NOW, CONSOLE, false);

        assertThat(event.get("routing_key").asText()).isEqualTo("R0UT1NGKEY");
        assertThat(event.get("event_action").asText()).isEqualTo("trigger");
        assertThat(event.get("dedup_key").asText()).isEqualTo("a5916e81-1c2a-4df9-9960-ffd855b0b0be");
        assertThat(event.at("/payload/summary").asText()).startsWith("[CRITICAL] Band on too long");
        assertThat(event.at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(event.at("/payload/source").asText()).isEqualTo("bfr-guard/north");
        assertThat(event.at("/payload/timestamp").asText()).isEqualTo("2026-12-03T07:17:49Z");
        assertThat(event.at("/links/0/href").asText()).endsWith("board.html#alert=a5916e81-1c2a-4df9-9960-ffd855b0b0be");
        assertThat(event.toString()).doesNotContain("P-74edbf89");
    }

    @Test
    void aPagerDutyAcknowledgeOrResolveNamesTheIncidentOnly() {
        JsonNode acknowledge = WebhookBodies.pagerDuty(JSON, delivery(NotificationKind.ACKNOWLEDGE,
                WebhookFormat.PAGERDUTY), NOW, CONSOLE, false);
        JsonNode resolve = WebhookBodies.pagerDuty(JSON, delivery(NotificationKind.RESOLVE, WebhookFormat.PAGERDUTY),
                NOW, CONSOLE, false);

        assertThat(acknowledge.get("event_action").asText()).isEqualTo("acknowledge");
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(acknowledge.has("payload")).isFalse();
        assertThat(resolve.get("dedup_key").asText()).isEqualTo("a5916e81-1c2a-4df9-9960-ffd855b0b0be");
    }

    @Test
    void severitiesMapOntoPagerDutysFour() {
        assertThat(WebhookBodies.severity("CRITICAL")).isEqualTo("critical");
        assertThat(WebhookBodies.severity("HIGH")).isEqualTo("error");
        assertThat(WebhookBodies.severity("WARNING")).isEqualTo("warning");
        assertThat(WebhookBodies.severity("INFO")).isEqualTo("info");
    }

    @Test
    void aCloudEventCarriesTheAlertWithoutThePatientUnlessIncluded() {
        JsonNode event = WebhookBodies.cloudEvent(JSON, delivery(NotificationKind.TRIGGER, WebhookFormat.CLOUDEVENTS),
                NOW, false);
        JsonNode named = WebhookBodies.cloudEvent(JSON, delivery(NotificationKind.TRIGGER, WebhookFormat.CLOUDEVENTS),
                NOW, true);

        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo("clinic.bfrguard.notification.trigger");
        assertThat(event.get("source").asText()).isEqualTo("urn:bfr-guard:notification-service");
        assertThat(event.get("subject").asText()).isEqualTo("a5916e81-1c2a-4df9-9960-ffd855b0b0be");
        assertThat(event.at("/data/escalationLevel").asInt()).isEqualTo(1);
        assertThat(event.toString()).doesNotContain("P-74edbf89");
        assertThat(named.at("/data/patientId").asText()).isEqualTo("P-74edbf89");
    }

    @Test
    void theSignatureIsHmacSha256OverTimestampDotBody() {
        // the value a receiver computes with openssl: printf '1700000000.{}' | openssl dgst -sha256 -hmac key
        assertThat(WebhookSignature.sign("key", 1_700_000_000L, "{}"))
                .isEqualTo("sha256=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae");
        assertThat(WebhookSignature.sign("key", 1_700_000_000L, "{}"))
                .isNotEqualTo(WebhookSignature.sign("key", 1_700_000_001L, "{}"))
                .isNotEqualTo(WebhookSignature.sign("other", 1_700_000_000L, "{}"));
    }
}
