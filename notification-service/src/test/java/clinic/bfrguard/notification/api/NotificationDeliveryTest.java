package clinic.bfrguard.notification.api;

import clinic.bfrguard.notification.channels.WebhookSignature;
import clinic.bfrguard.notification.support.MailServer;
import clinic.bfrguard.notification.support.MailServer.Mail;
import clinic.bfrguard.notification.support.NotificationTestResources;
import clinic.bfrguard.notification.support.Rota;
import clinic.bfrguard.notification.support.WebhookReceiver;
import clinic.bfrguard.testing.EventSamples;
import clinic.bfrguard.testing.TestUsers;
import clinic.bfrguard.testing.TopicRecords;
import clinic.bfrguard.testing.Waiting;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static clinic.bfrguard.notification.support.Rota.email;
import static clinic.bfrguard.notification.support.Rota.webhook;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThan;

/**
 * Pages from alert events to a real SMTP server and a real HTTP receiver, through real Kafka and PostgreSQL.
 * Retries in the test profile start at 200 ms.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResources.class)
@TestSecurity(user = "clinician1", roles = "clinician")
class NotificationDeliveryTest {

    private static final String SIGNING_KEY = "test-signing-key";

    @Test
    void aCriticalAlertSendsOneEmailToThePrimaryAndOneSignedWebhook() {
        Rota rota = Rota.fresh();
        String hook = "/" + rota.primary + "/pager";
        rota.contacts(rota.primary, webhook("pager", hook, "CLOUDEVENTS")).contacts(rota.secondary)
                .schedule(rota.primary, rota.secondary);
        UUID alert = UUID.randomUUID();

        rota.alert("AlertRaised", alert, Map.of());

        Mail mail = Waiting.until("the primary's e-mail", () -> MailServer.receivedBy(email(rota.primary)),
                mails -> !mails.isEmpty()).get(0);
        assertThat(mail.subject()).contains("CRITICAL").contains("Band on too long").contains("LEFT_THIGH")
                .contains(rota.site).doesNotContain(rota.patient);
        assertThat(mail.body()).contains("board.html#alert=" + alert).contains("just now")
                .doesNotContain(rota.patient);
        assertThat(mail.alertId()).isEqualTo(alert.toString());

        WebhookReceiver.Request request = Waiting.until("the primary's webhook", () -> WebhookReceiver.requests(hook),
                requests -> !requests.isEmpty()).get(0);
        String timestamp = request.header(WebhookSignature.TIMESTAMP_HEADER);
        assertThat(request.header(WebhookSignature.SIGNATURE_HEADER))
                .isEqualTo(WebhookSignature.sign(SIGNING_KEY, Long.parseLong(timestamp), request.body()));
        assertThat(request.header("Content-Type")).isEqualTo("application/cloudevents+json");
        JsonPath event = JsonPath.from(request.body());
        assertThat(event.getString("specversion")).isEqualTo("1.0");
        assertThat(event.getString("type")).isEqualTo("clinic.bfrguard.notification.trigger");
        assertThat(event.getString("subject")).isEqualTo(alert.toString());
        assertThat(event.getString("data.severity")).isEqualTo("CRITICAL");
        assertThat(request.body()).doesNotContain(rota.patient);
        assertThat(request.header(WebhookSignature.IDEMPOTENCY_HEADER)).isNotBlank()
                .isNotEqualTo(mail.idempotencyKey());

        sleep(1500);
        assertThat(MailServer.receivedBy(email(rota.primary))).hasSize(1);
        assertThat(WebhookReceiver.requests(hook)).hasSize(1);
        assertThat(MailServer.receivedBy(email(rota.secondary))).as("the secondary is not paged at level 0")
                .isEmpty();

        List<Map<String, Object>> trail = trail(rota, alert);
        assertThat(trail).extracting(n -> n.get("channel")).containsExactlyInAnyOrder("email", "webhook:pager");
        assertThat(trail).allSatisfy(n -> assertThat(n).containsEntry("status", "SENT")
                .containsEntry("recipient", rota.primary).containsEntry("attempts", 1));
        List<ConsumerRecord<String, String>> sent = TopicRecords.withKey("notification-events", rota.patient, 2);
        assertThat(sent).extracting(r -> JsonPath.from(r.value()).getString("type"))
                .containsOnly("NotificationSent");
        sent.forEach(r -> EventSamples.verify("notification-events", r.value()));
    }

    @Test
    void anEscalationPagesTheSecondary() {
        Rota rota = Rota.fresh();
        rota.contacts(rota.primary).contacts(rota.secondary).schedule(rota.primary, rota.secondary);
        UUID alert = UUID.randomUUID();
        rota.alert("AlertRaised", alert, Map.of());
        Waiting.until("the primary's e-mail", () -> !MailServer.receivedBy(email(rota.primary)).isEmpty());

        rota.alert("AlertEscalated", alert, Map.of("escalationLevel", 1));

        Mail mail = Waiting.until("the secondary's e-mail", () -> MailServer.receivedBy(email(rota.secondary)),
                mails -> !mails.isEmpty()).get(0);
        assertThat(mail.subject()).contains("escalated, level 1");
        sleep(1000);
        assertThat(MailServer.receivedBy(email(rota.primary))).hasSize(1);
        assertThat(MailServer.receivedBy(email(rota.secondary))).hasSize(1);
    }

    @Test
    void pastTheLastStepEveryClinicianOfTheSiteIsPaged() {
        Rota rota = Rota.fresh();
        String third = "third-" + rota.site;
        rota.contacts(rota.primary).contacts(rota.secondary).contacts(third).schedule(rota.primary, rota.secondary);
        UUID alert = UUID.randomUUID();
        rota.alert("AlertRaised", alert, Map.of());
        rota.alert("AlertEscalated", alert, Map.of("escalationLevel", 1));

        rota.alert("AlertEscalated", alert, Map.of("escalationLevel", 2));

        Waiting.until("every clinician's e-mail", () -> !MailServer.receivedBy(email(third)).isEmpty());
        Waiting.until("the primary's second e-mail", () -> MailServer.receivedBy(email(rota.primary)).size() == 2);
        assertThat(MailServer.receivedBy(email(third)).get(0).body()).contains("nobody on the rota has answered");
    }

    @Test
    void anAcknowledgedAlertPagesNoMoreAndPagerDutyIsTold() {
        Rota rota = Rota.fresh();
        String pager = "/" + rota.primary + "/pd";
        String failing = "/" + rota.primary + "/failing";
        WebhookReceiver.answer(failing, 500, 500, 500, 500, 500, 500, 500, 500);
        rota.contacts(rota.primary, webhook("pd", pager, "PAGERDUTY"), webhook("failing", failing, "CLOUDEVENTS"))
                .contacts(rota.secondary).schedule(rota.primary, rota.secondary);
        UUID alert = UUID.randomUUID();
        rota.alert("AlertRaised", alert, Map.of());
        WebhookReceiver.Request trigger = Waiting.until("the PagerDuty trigger", () -> WebhookReceiver.requests(pager),
                requests -> !requests.isEmpty()).get(0);
        JsonPath triggered = JsonPath.from(trigger.body());
        assertThat(triggered.getString("event_action")).isEqualTo("trigger");
        assertThat(triggered.getString("dedup_key")).isEqualTo(alert.toString());
        assertThat(triggered.getString("routing_key")).isEqualTo("R0UT1NGKEY");
        assertThat(triggered.getString("payload.severity")).isEqualTo("critical");
        assertThat(triggered.getString("payload.summary")).contains("Band on too long");
        Waiting.until("the failing webhook tried", () -> !WebhookReceiver.requests(failing).isEmpty());

        rota.alert("AlertAcknowledged", alert, Map.of("status", "ACKNOWLEDGED", "acknowledgedBy", rota.primary));

        WebhookReceiver.Request acknowledge = Waiting.until("the PagerDuty acknowledge",
                () -> WebhookReceiver.requests(pager), requests -> requests.size() == 2).get(1);
        assertThat(JsonPath.from(acknowledge.body()).getString("event_action")).isEqualTo("acknowledge");
        assertThat(JsonPath.from(acknowledge.body()).getString("dedup_key")).isEqualTo(alert.toString());
        int triedBeforeAcknowledge = WebhookReceiver.requests(failing).size();
        rota.alert("AlertEscalated", alert, Map.of("status", "ACKNOWLEDGED", "escalationLevel", 1));
        sleep(3000);
        assertThat(WebhookReceiver.requests(failing)).as("retries cancelled").hasSizeLessThanOrEqualTo(
                triedBeforeAcknowledge + 1);
        assertThat(MailServer.receivedBy(email(rota.secondary))).isEmpty();
        assertThat(MailServer.receivedBy(email(rota.primary))).hasSize(1);
    }

    @Test
    void warningsAndInfoPageNobody() {
        Rota rota = Rota.fresh();
        rota.contacts(rota.primary).schedule(rota.primary);
        UUID warning = UUID.randomUUID();
        UUID info = UUID.randomUUID();
        UUID high = UUID.randomUUID();
        rota.alert("AlertRaised", warning, Map.of("severity", "WARNING", "type", "BAND_TIME_WARNING"));
        rota.alert("AlertRaised", info, Map.of("severity", "INFO", "type", "CLEARANCE_REQUIRED", "limb", "LEFT_ARM"));
        rota.alert("AlertRaised", high, Map.of("severity", "HIGH", "type", "ADVERSE_SYMPTOM", "symptom", "PAIN"));

        Waiting.until("the HIGH alert's page", () -> !MailServer.receivedBy(email(rota.primary)).isEmpty());
        sleep(1000);
        assertThat(MailServer.receivedBy(email(rota.primary))).singleElement().satisfies(mail -> {
            assertThat(mail.alertId()).isEqualTo(high.toString());
            assertThat(mail.subject()).isEqualTo("[HIGH] Adverse symptom during a session, PAIN at " + rota.site);
        });
        assertThat(trail(rota, warning)).isEmpty();
        assertThat(trail(rota, info)).isEmpty();
    }

    @Test
    void aWebhookAnswering500IsRetriedAndDeliveredOnce() {
        Rota rota = Rota.fresh();
        String hook = "/" + rota.primary + "/flaky";
        WebhookReceiver.answer(hook, 500);
        rota.contacts(rota.primary, webhook("flaky", hook, "CLOUDEVENTS")).schedule(rota.primary);
        UUID alert = UUID.randomUUID();

        rota.alert("AlertRaised", alert, Map.of());

        Waiting.until("the retry", () -> WebhookReceiver.requests(hook).size() == 2);
        sleep(1500);
        List<WebhookReceiver.Request> requests = WebhookReceiver.requests(hook);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).header(WebhookSignature.IDEMPOTENCY_HEADER))
                .isEqualTo(requests.get(0).header(WebhookSignature.IDEMPOTENCY_HEADER));
        Map<String, Object> webhook = trail(rota, alert).stream().filter(n -> n.get("channel").equals("webhook:flaky"))
                .findFirst().orElseThrow();
        assertThat(webhook).containsEntry("status", "SENT").containsEntry("attempts", 2)
                .containsEntry("detail", "HTTP 200");
        List<String> types = TopicRecords.withKey("notification-events", rota.patient, 3).stream()
                .map(r -> JsonPath.from(r.value()).getString("type")).toList();
        assertThat(types).containsExactlyInAnyOrder("NotificationFailed", "NotificationSent", "NotificationSent");
        TopicRecords.withKey("notification-events", rota.patient, 3)
                .forEach(r -> EventSamples.verify("notification-events", r.value()));
    }

    @Test
    void aRedeliveredEventSendsNothingTwice() {
        Rota rota = Rota.fresh();
        rota.contacts(rota.primary).schedule(rota.primary);
        UUID alert = UUID.randomUUID();
        String record = rota.alertRecord("AlertRaised", alert, Map.of());

        rota.send(record);
        rota.send(record);
        rota.alert("AlertRaised", alert, Map.of());

        Waiting.until("the page", () -> !MailServer.receivedBy(email(rota.primary)).isEmpty());
        sleep(1500);
        assertThat(MailServer.receivedBy(email(rota.primary))).hasSize(1);
        assertThat(trail(rota, alert)).hasSize(1);
    }

    @Test
    void aPersonNoneOfWhoseChannelsWorksIsPassedOverAtOnce() {
        Rota rota = Rota.fresh();
        String dead = "/" + rota.primary + "/dead";
        WebhookReceiver.answer(dead, 503, 503, 503, 503, 503, 503, 503);
        rota.webhooksOnly(rota.primary, webhook("dead", dead, "CLOUDEVENTS")).contacts(rota.secondary)
                .schedule(rota.primary, rota.secondary);
        UUID alert = UUID.randomUUID();

        rota.alert("AlertRaised", alert, Map.of());

        Mail mail = Waiting.until("the secondary paged at level 0", Duration.ofSeconds(10),
                () -> MailServer.receivedBy(email(rota.secondary)), mails -> !mails.isEmpty()).get(0);
        assertThat(mail.alertId()).isEqualTo(alert.toString());
        assertThat(trail(rota, alert)).anySatisfy(n -> assertThat(n).containsEntry("recipient", rota.secondary)
                .containsEntry("escalationLevel", 0).containsEntry("step", 1).containsEntry("status", "SENT"));
    }

    @Test
    void aPagingAlertWithNobodyOnCallIsAFailureForTheBoardAndForMonitoring() {
        Rota rota = Rota.fresh();
        UUID alert = UUID.randomUUID();

        rota.alert("AlertRaised", alert, Map.of());

        ConsumerRecord<String, String> failed = TopicRecords.withKey("notification-events", rota.patient, 1).get(0);
        JsonPath event = JsonPath.from(failed.value());
        assertThat(event.getString("type")).isEqualTo("NotificationFailed");
        assertThat(event.getString("data.reason")).isEqualTo("NOBODY_ON_CALL");
        assertThat(event.getString("data.alertId")).isEqualTo(alert.toString());
        assertThat(event.getString("data.detail")).contains("no on-call schedule for site " + rota.site);
        given().get("/q/health/group/paging").then().statusCode(503)
                .body("checks.find { it.name == 'paging' }.data.openAlertsNobodyWasPagedFor", greaterThan(0));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'paging' }.data.openAlertsNobodyWasPagedFor", greaterThan(0));

        rota.alert("AlertAcknowledged", alert, Map.of("status", "ACKNOWLEDGED"));
        Waiting.until("paging healthy again once the alert is answered", () -> given().get("/q/health/group/paging")
                .statusCode() == 200);
    }

    @Test
    void mailIsDeliveredOnceAfterTheMailServerWasAwayForTenSeconds() {
        Rota rota = Rota.fresh();
        rota.contacts(rota.primary).schedule(rota.primary);
        UUID alert = UUID.randomUUID();
        MailServer.stop();
        try {
            rota.alert("AlertRaised", alert, Map.of());
            Waiting.until("a failed attempt", () -> trail(rota, alert).stream()
                    .anyMatch(n -> ((Integer) n.get("attempts")) >= 1));
            sleep(10_000);
        } finally {
            MailServer.start();
        }

        Waiting.until("the page after the outage", Duration.ofSeconds(30),
                () -> !MailServer.receivedBy(email(rota.primary)).isEmpty());
        sleep(3000);
        assertThat(MailServer.receivedBy(email(rota.primary))).hasSize(1);
        assertThat(trail(rota, alert)).singleElement().satisfies(n -> assertThat(n).containsEntry("status", "SENT"));
    }

    static List<Map<String, Object>> trail(Rota rota, UUID alert) {
        return TestUsers.at(List.of(rota.site), rota.primary, "clinician", () -> given()
                .queryParam("alertId", alert.toString()).get("/api/notifications").then().statusCode(200)
                .extract().jsonPath().getList("$"));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
