package clinic.bfrguard.notification.channels;

import clinic.bfrguard.notification.domain.AlertSummary;
import clinic.bfrguard.notification.domain.Delivery;
import clinic.bfrguard.notification.domain.NotificationKind;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;

/**
 * The bodies webhook targets receive. CloudEvents 1.0 in structured JSON mode (type
 * {@code clinic.bfrguard.notification.<kind>}, subject = the alert id); PagerDuty Events API v2 (routing key,
 * {@code trigger} / {@code acknowledge} / {@code resolve}, dedup key = the alert id, so each alert is one incident).
 * Both carry what an e-mail does and no more: no patient id unless the clinic includes it.
 */
public final class WebhookBodies {

    public static final String CLOUDEVENTS_TYPE_PREFIX = "clinic.bfrguard.notification.";
    public static final String SOURCE = "urn:bfr-guard:notification-service";

    private WebhookBodies() {
    }

    public static ObjectNode cloudEvent(ObjectMapper json, Delivery d, Instant now, boolean includePatientId) {
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", d.id().toString());
        event.put("source", SOURCE);
        event.put("type", CLOUDEVENTS_TYPE_PREFIX + (d.test() ? "test" : d.kind().name().toLowerCase(Locale.ROOT)));
        event.put("time", now.toString());
        event.put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data");
        data.put("summary", d.text().subject());
        data.put("recipient", d.recipient());
        if (d.alert() != null) {
            AlertSummary a = d.alert();
            event.put("subject", a.alertId().toString());
            data.put("alertId", a.alertId().toString());
            data.put("site", a.site());
            data.put("type", a.type());
            data.put("severity", a.severity());
            data.put("status", a.status());
            data.put("limb", a.limb());
            data.put("symptom", a.symptom());
            data.put("raisedAt", a.raisedAt().toString());
            data.put("escalationLevel", d.level());
            data.put("step", d.step());
            data.put("link", d.link().toString());
            if (includePatientId) {
                data.put("patientId", a.patientId());
            }
        }
        return event;
    }

    public static ObjectNode pagerDuty(ObjectMapper json, Delivery d, Instant now, URI console,
            boolean includePatientId) {
        ObjectNode event = json.createObjectNode();
        event.put("routing_key", d.routingKey());
        event.put("event_action", d.test() ? "trigger" : action(d.kind()));
        event.put("dedup_key", d.alert() == null ? "test-" + d.id() : d.alert().alertId().toString());
        if (d.kind() != NotificationKind.TRIGGER && !d.test()) {
            // acknowledge and resolve name the incident only
            return event;
        }
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", d.text().subject());
        payload.put("timestamp", (d.alert() == null ? now : d.alert().raisedAt()).toString());
        if (d.alert() != null) {
            AlertSummary a = d.alert();
            payload.put("severity", severity(a.severity()));
            payload.put("source", "bfr-guard/" + a.site());
            payload.put("group", a.site());
            payload.put("class", a.type());
            if (a.limb() != null) {
                payload.put("component", a.limb());
            }
            ObjectNode details = payload.putObject("custom_details");
            details.put("alertId", a.alertId().toString());
            details.put("escalationLevel", d.level());
            details.put("symptom", a.symptom());
            if (includePatientId) {
                details.put("patientId", a.patientId());
            }
            event.putArray("links").addObject().put("href", d.link().toString())
                    .put("text", "The alert on the BFR Guard board");
        } else {
            payload.put("severity", "info");
            payload.put("source", "bfr-guard");
        }
        event.put("client", "BFR Guard");
        event.put("client_url", console.toString());
        return event;
    }

    private static String action(NotificationKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** PagerDuty's four severities, from the clinic's alarm priorities. */
    static String severity(String severity) {
        return switch (severity) {
            case "CRITICAL" -> "critical";
            case "HIGH" -> "error";
            case "WARNING" -> "warning";
            default -> "info";
        };
    }
}
