package clinic.bfrguard.notification.channels;

import clinic.bfrguard.notification.domain.Delivery;
import clinic.bfrguard.notification.domain.NotificationKind;
import clinic.bfrguard.notification.domain.NotificationText;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;

/**
 * What the web console's service worker receives in a push message and shows as a notification: a title with the
 * alert's type and severity, the e-mail's text (no patient id unless the clinic chose so), the alert id as the tag so
 * an escalation or an acknowledgement replaces the notification rather than stacking another, interaction required
 * for a CRITICAL page, and the board's link that a tap opens.
 */
public final class PushMessages {

    public static final String TEST_TAG = "bfr-guard-test";

    private PushMessages() {
    }

    public static ObjectNode payload(ObjectMapper json, Delivery delivery, URI console) {
        ObjectNode payload = json.createObjectNode();
        if (delivery.test() || delivery.alert() == null) {
            payload.put("kind", "TEST");
            payload.put("title", delivery.text().subject());
            payload.put("body", delivery.text().body());
            payload.put("tag", TEST_TAG);
            payload.put("requireInteraction", false);
            payload.put("url", page(console, "contacts.html"));
            return payload;
        }
        boolean trigger = delivery.kind() == NotificationKind.TRIGGER;
        NotificationText.Text answered = trigger ? null : NotificationText.answered(delivery.alert(), delivery.kind());
        payload.put("kind", delivery.kind().name());
        payload.put("alertId", delivery.alert().alertId().toString());
        payload.put("title", trigger ? NotificationText.title(delivery.alert()) : answered.subject());
        payload.put("body", trigger ? delivery.text().body() : answered.body());
        payload.put("tag", delivery.alert().alertId().toString());
        payload.put("requireInteraction", trigger && "CRITICAL".equals(delivery.alert().severity()));
        payload.put("severity", delivery.alert().severity());
        payload.put("url", delivery.link().toString());
        return payload;
    }

    private static String page(URI console, String page) {
        String base = console.toString().endsWith("/") ? console.toString() : console + "/";
        return base + page;
    }
}
