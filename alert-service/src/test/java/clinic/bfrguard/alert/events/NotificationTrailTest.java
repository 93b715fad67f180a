package clinic.bfrguard.alert.events;

import clinic.bfrguard.alert.support.Alerts;
import clinic.bfrguard.testing.SseClient;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.TopicRecords;
import clinic.bfrguard.testing.Waiting;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static clinic.bfrguard.alert.support.TestEvents.NOTIFICATION;
import static clinic.bfrguard.alert.support.TestEvents.data;
import static clinic.bfrguard.alert.support.TestEvents.newPatient;
import static clinic.bfrguard.alert.support.TestEvents.notificationRecord;
import static clinic.bfrguard.alert.support.TestEvents.send;
import static clinic.bfrguard.alert.support.TestEvents.session;
import static clinic.bfrguard.testing.TestUsers.at;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * notification-service's reports on {@code notification-events} become each alert's notification trail: in the
 * alert's view, in order, each attempt once, and on the stream as a {@code NOTIFIED} change, for the alert's site
 * only.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@TestSecurity(user = "clinician1", roles = "clinician")
class NotificationTrailTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SENT = "NotificationSent";
    private static final String FAILED = "NotificationFailed";

    @TestHTTPResource("/api/alerts/stream")
    URI stream;

    @Test
    void theAlertShowsItsTrailInTheOrderTheAttemptsWereMadeAndARedeliveryOnce() {
        String patient = newPatient();
        String alertId = alertOf(patient, null);
        Instant paged = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        String refused = notificationRecord(patient, FAILED, attempt(alertId, "clinician1", "webhook:pager", paged,
                1, true, "CHANNEL_FAILED", "HTTP 500"));
        // reported after the refusal, but attempted before it: the trail is in the order of the attempts
        String accepted = notificationRecord(patient, SENT, attempt(alertId, "clinician1", "email",
                paged.minusMillis(300), 1, false, null, "250 OK"));
        send(NOTIFICATION, patient, refused);
        send(NOTIFICATION, patient, accepted);
        send(NOTIFICATION, patient, refused);
        send(NOTIFICATION, patient, notificationRecord(patient, SENT, attempt(alertId, "clinician1",
                "webhook:pager", paged.plusSeconds(2), 2, false, null, "HTTP 202")));

        JsonPath alert = awaitTrail(alertId, 3);
        assertThat(alert.getList("notifications")).hasSize(3);
        assertThat(alert.getList("notifications.channel")).containsExactly("email", "webhook:pager", "webhook:pager");
        assertThat(alert.getList("notifications.outcome")).containsExactly("SENT", "FAILED", "SENT");
        assertThat(alert.getList("notifications.attempts")).containsExactly(1, 1, 2);
        assertThat(alert.getList("notifications.retrying")).containsExactly(false, true, false);
        assertThat(alert.getList("notifications.detail")).containsExactly("250 OK", "HTTP 500", "HTTP 202");
        Map<String, Object> first = alert.getMap("notifications[0]");
        assertThat(first).containsOnlyKeys("at", "escalationLevel", "step", "recipient", "channel", "kind",
                "outcome", "attempts", "retrying", "reason", "detail");
        assertThat(first).containsEntry("recipient", "clinician1").containsEntry("kind", "TRIGGER")
                .containsEntry("escalationLevel", 0).containsEntry("step", 0).containsEntry("reason", null);
        assertThat(Instant.parse((String) first.get("at"))).isEqualTo(paged.minusMillis(300));
        assertThat(alert.getString("notifications[1].reason")).isEqualTo("CHANNEL_FAILED");

        // the list carries the trails too, and the alert's other fields as before
        Map<String, Object> listed = Alerts.ofPatient(patient).get(0);
        assertThat(listed).containsEntry("id", alertId).containsEntry("type", "ADVERSE_SYMPTOM")
                .containsEntry("status", "OPEN");
        assertThat((List<?>) listed.get("notifications")).hasSize(3);
    }

    @Test
    void nobodyOnCallIsOnTheTrailWithoutRecipientOrChannel() {
        String patient = newPatient();
        String alertId = alertOf(patient, null);
        send(NOTIFICATION, patient, notificationRecord(patient, FAILED, attempt(alertId, null, null, Instant.now(),
                0, false, "NOBODY_ON_CALL", null)));

        JsonPath alert = awaitTrail(alertId, 1);
        Map<String, Object> entry = alert.getMap("notifications[0]");
        assertThat(entry).containsEntry("outcome", "FAILED").containsEntry("reason", "NOBODY_ON_CALL")
                .containsEntry("recipient", null).containsEntry("channel", null).containsEntry("retrying", false);
    }

    @Test
    void anAlertWithoutNotificationsHasAnEmptyTrailAndAnAttemptForAnUnknownAlertChangesNothing() {
        String patient = newPatient();
        String alertId = alertOf(patient, null);
        assertThat(Alerts.get(alertId).getList("notifications")).isEmpty();

        send(NOTIFICATION, patient, notificationRecord(patient, SENT, attempt(UUID.randomUUID().toString(),
                "clinician1", "email", Instant.now(), 1, false, null, "250 OK")));
        // the next record of the partition comes after it: once it is on the trail, the unknown one was read
        send(NOTIFICATION, patient, notificationRecord(patient, SENT, attempt(alertId, "clinician1", "email",
                Instant.now(), 1, false, null, "250 OK")));

        awaitTrail(alertId, 1);
        assertThat(TopicRecords.withKey(NOTIFICATION + ".dlq", patient, 0, Duration.ofSeconds(1),
                Duration.ofSeconds(1))).as("an unknown alert is no broken record").isEmpty();
        assertThat(Alerts.get(alertId).getList("notifications")).hasSize(1);
    }

    @Test
    void eachAttemptReachesTheStreamAsANotifiedChangeWithTheTrail() throws Exception {
        String patient = newPatient();
        String alertId = alertOf(patient, null);
        try (SseClient client = new SseClient(stream, null).awaitConnected(WAIT)) {
            send(NOTIFICATION, patient, notificationRecord(patient, FAILED, attempt(alertId, null, null,
                    Instant.now(), 0, false, "NOBODY_ON_CALL", null)));

            SseClient.Event notified = client.next(change(alertId, "NOTIFIED"), WAIT);
            assertThat(notified).as("the NOTIFIED change on the stream").isNotNull();
            JsonPath change = JsonPath.from(notified.data());
            assertThat(change.getString("kind")).isEqualTo("NOTIFIED");
            assertThat(change.getString("alert.status")).isEqualTo("OPEN");
            assertThat(change.getString("alert.patientId")).isEqualTo(patient);
            assertThat(change.getList("alert.notifications.reason")).containsExactly("NOBODY_ON_CALL");

            given().post("/api/alerts/{id}/acknowledge", alertId).then().statusCode(200);
            SseClient.Event acknowledged = client.next(change(alertId, "ACKNOWLEDGED"), WAIT);
            assertThat(acknowledged).isNotNull();
            assertThat(JsonPath.from(acknowledged.data()).getString("kind")).isEqualTo("ACKNOWLEDGED");
            assertThat(JsonPath.from(acknowledged.data()).getMap("alert")).as("a change that leaves the trail as it is")
                    .doesNotContainKey("notifications");
        }
    }

    @Test
    void anotherSitesAlertsTrailStaysWithThatSite() throws Exception {
        String patient = newPatient();
        String alertId = alertOf(patient, "north");
        try (SseClient south = at(List.of("south"), "clinician3", "clinician", this::connect)) {
            send(NOTIFICATION, patient, notificationRecord(patient, SENT, data("alertId", alertId, "site", "north",
                    "recipient", "clinician2", "channel", "email", "at", Instant.now())));

            at(List.of("north"), "clinician2", "clinician", () -> awaitTrail(alertId, 1));
            at(List.of("south"), "clinician3", "clinician", () -> {
                given().get("/api/alerts/{id}", alertId).then().statusCode(404);
                assertThat(Alerts.ofPatient(patient)).isEmpty();
            });
            assertThat(south.next(e -> e.data().contains(alertId), Duration.ofSeconds(2)))
                    .as("the north alert's NOTIFIED change never reaches a south clinician").isNull();
        }
    }

    /** Raises an alert for {@code patient} (at {@code site}, or the default site) and returns its id. */
    private static String alertOf(String patient, String site) {
        Map<String, Object> symptom = data("sessionId", UUID.randomUUID(), "symptomId", UUID.randomUUID(),
                "symptom", "TINGLING", "note", null, "reportedBy", "physio1", "reportedAt", Instant.now());
        if (site != null) {
            symptom.put("site", site);
        }
        session(patient, "SymptomReported", symptom);
        return site == null ? (String) Alerts.awaitOne(patient).get("id")
                : at(List.of(site), "clinician2", "clinician", () -> (String) Alerts.awaitOne(patient).get("id"));
    }

    private static Map<String, Object> attempt(String alertId, String recipient, String channel, Instant at,
            int attempts, boolean retrying, String reason, String detail) {
        return data("alertId", alertId, "recipient", recipient, "channel", channel, "at", at, "attempts", attempts,
                "retrying", retrying, "reason", reason, "detail", detail);
    }

    private static JsonPath awaitTrail(String alertId, int entries) {
        return Waiting.until(entries + " entries on the alert's trail", () -> Alerts.get(alertId),
                alert -> alert.getList("notifications").size() >= entries, JsonPath::prettify);
    }

    /** A change of the alert of that kind: its raising may reach a stream opened just after it, too. */
    private static Predicate<SseClient.Event> change(String alertId, String kind) {
        return e -> e.data().contains(alertId) && kind.equals(JsonPath.from(e.data()).getString("kind"));
    }

    private SseClient connect() {
        try {
            return new SseClient(stream, null).awaitConnected(WAIT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
