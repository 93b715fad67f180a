package clinic.bfrguard.notification.support;

import clinic.bfrguard.testing.EventSamples;
import clinic.bfrguard.testing.PushService;
import clinic.bfrguard.testing.TestUsers;
import clinic.bfrguard.testing.TopicWriter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * A fresh site of its own for each test, with its clinicians and their contact points entered through the API, and
 * alert events for it written onto the real {@code alert-events} topic.
 */
public final class Rota {

    public static final String ALERT_EVENTS = "alert-events";

    public final String site;
    public final String primary;
    public final String secondary;
    public final String patient;

    private Rota(String tag) {
        this.site = "t" + tag;
        this.primary = "primary-" + tag;
        this.secondary = "secondary-" + tag;
        this.patient = "P-" + tag;
    }

    public static Rota fresh() {
        return new Rota(UUID.randomUUID().toString().substring(0, 8));
    }

    public static String email(String user) {
        return user + "@clinic.example";
    }

    /** The user's contact points: an e-mail address and, optionally, webhooks. */
    @SafeVarargs
    public final Rota contacts(String user, Map<String, ?>... webhooks) {
        return contacts(user, email(user), webhooks);
    }

    /** Contact points of someone reachable by webhook only. */
    @SafeVarargs
    public final Rota webhooksOnly(String user, Map<String, ?>... webhooks) {
        return contacts(user, null, webhooks);
    }

    /** Contact points of someone reachable by Web Push only, on these devices. */
    public Rota pushOnly(String user, PushService.Subscriber... devices) {
        Map<String, Object> body = new HashMap<>();
        body.put("webhooks", List.of());
        List<Map<String, Object>> push = new ArrayList<>();
        for (PushService.Subscriber device : devices) {
            push.add(device.json("test device"));
        }
        body.put("push", push);
        TestUsers.at(List.of(site), user, "clinician", () -> given().contentType("application/json").body(body)
                .put("/api/oncall/me/contacts").then().statusCode(200));
        return this;
    }

    private Rota contacts(String user, String email, Map<String, ?>[] webhooks) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("webhooks", List.of(webhooks));
        TestUsers.at(List.of(site), user, "clinician", () -> given().contentType("application/json").body(body)
                .put("/api/oncall/me/contacts").then().statusCode(200));
        return this;
    }

    public static Map<String, Object> webhook(String name, String path, String format) {
        Map<String, Object> webhook = new HashMap<>();
        webhook.put("name", name);
        webhook.put("url", WebhookReceiver.url(path));
        webhook.put("format", format);
        if (format.equals("PAGERDUTY")) {
            webhook.put("routingKey", "R0UT1NGKEY");
        }
        return webhook;
    }

    /** A weekly rota whose steps are these members, one each, entered by the site's admin. */
    public Rota schedule(String... stepMembers) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int i = 0; i < stepMembers.length; i++) {
            steps.add(Map.of("name", "step" + i, "members", List.of(stepMembers[i]), "shiftDays", 7));
        }
        Map<String, Object> body = Map.of("timeZone", "Europe/Madrid", "handoff", "08:00", "rotationStart",
                "2026-01-05", "steps", steps, "overrides", List.of());
        TestUsers.at(List.of(site), "admin-" + site, "clinic-admin", () -> given().contentType("application/json")
                .body(body).put("/api/oncall/{site}", site).then().statusCode(200));
        return this;
    }

    /** Writes an alert event for this site's patient: {@code fields} override the producer's sample. */
    public void alert(String type, UUID alertId, Map<String, ?> fields) {
        send(alertRecord(type, alertId, fields));
    }

    public void send(String envelope) {
        TopicWriter.send(ALERT_EVENTS, patient, envelope);
    }

    /** An alert event for this site's patient, to send more than once as a redelivery would. */
    public String alertRecord(String type, UUID alertId, Map<String, ?> fields) {
        Map<String, Object> data = new HashMap<>(Map.of("alertId", alertId, "site", site, "type",
                "BAND_TIME_OVERRUN", "severity", "CRITICAL", "status", "OPEN", "limb", "LEFT_THIGH",
                "escalationLevel", 0, "raisedAt", Instant.now()));
        data.putAll(fields);
        return EventSamples.envelope(ALERT_EVENTS, type, patient, data);
    }
}
