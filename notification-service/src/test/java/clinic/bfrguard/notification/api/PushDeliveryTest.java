package clinic.bfrguard.notification.api;

import clinic.bfrguard.notification.domain.PushSubscription;
import clinic.bfrguard.notification.support.MailServer;
import clinic.bfrguard.notification.support.NotificationTestResources;
import clinic.bfrguard.notification.support.Rota;
import clinic.bfrguard.testing.PushService;
import clinic.bfrguard.testing.TestUsers;
import clinic.bfrguard.testing.Waiting;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static clinic.bfrguard.notification.api.NotificationDeliveryTest.sleep;
import static clinic.bfrguard.notification.api.NotificationDeliveryTest.trail;
import static clinic.bfrguard.notification.support.Rota.email;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Web Push through a push service played by the test: each message is opened as the browser would open it, with
 * the subscription's private key, and its VAPID signature checked against the service's key.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResources.class)
class PushDeliveryTest {

    /** The test profile's VAPID public key (application.properties). */
    private static final String VAPID_PUBLIC_KEY =
            "BDBkN0dkxwHf_krcOPOv2jC363P5bt8L3gJUsAQ9WufZf7l6TwRxJXGSPb1XmfIDrjkDFW9NtGmGkXP9OBYPVb4";
    private static final Duration WAIT = Duration.ofSeconds(15);

    static PushService push;

    @BeforeAll
    static void startPushService() {
        push = PushService.start();
    }

    @AfterAll
    static void stopPushService() {
        push.close();
    }

    @Test
    void aCriticalPageReachesThePhoneEncryptedAndSignedAndItsAcknowledgementReplacesIt() {
        Rota rota = Rota.fresh();
        PushService.Subscriber phone = push.subscriber("phone");
        rota.pushOnly(rota.primary, phone).schedule(rota.primary);
        String key = TestUsers.at(List.of(rota.site), rota.primary, "clinician", () -> given()
                .get("/api/oncall/me/push-key").then().statusCode(200).extract().path("publicKey"));
        assertThat(key).isEqualTo(VAPID_PUBLIC_KEY);
        UUID alert = UUID.randomUUID();

        rota.alert("AlertRaised", alert, Map.of());

        PushService.Message page = push.next(phone, WAIT);
        assertThat(page.problem()).isNull();
        assertThat(page.header("Content-Encoding")).isEqualTo("aes128gcm");
        assertThat(page.header("Urgency")).isEqualTo("high");
        assertThat(page.header("TTL")).isEqualTo("3600");
        assertThat(page.vapidKey()).isEqualTo(VAPID_PUBLIC_KEY);
        assertThat(page.vapidValid()).as("VAPID token signed for this push service, expiring within 24 h (%s)",
                page.problem()).isTrue();
        assertThat(page.vapidSubject()).isEqualTo("mailto:bfr-guard@clinic.example");
        JsonPath shown = JsonPath.from(page.payload());
        assertThat(shown.getString("kind")).isEqualTo("TRIGGER");
        assertThat(shown.getString("title")).isEqualTo("Band on too long · CRITICAL");
        assertThat(shown.getString("tag")).isEqualTo(alert.toString());
        assertThat(shown.getBoolean("requireInteraction")).isTrue();
        assertThat(shown.getString("url")).endsWith("/board.html#alert=" + alert);
        assertThat(shown.getString("body")).contains("LEFT_THIGH").contains(rota.site);
        assertThat(page.payload()).doesNotContain(rota.patient);

        rota.alert("AlertAcknowledged", alert, Map.of("status", "ACKNOWLEDGED"));

        PushService.Message answered = push.next(phone, WAIT);
        JsonPath replaced = JsonPath.from(answered.payload());
        assertThat(replaced.getString("kind")).isEqualTo("ACKNOWLEDGE");
        assertThat(replaced.getString("tag")).as("replaces the page on the phone").isEqualTo(alert.toString());
        assertThat(replaced.getString("title")).startsWith("Acknowledged: Band on too long");
        assertThat(replaced.getBoolean("requireInteraction")).isFalse();
        assertThat(answered.header("Urgency")).isEqualTo("normal");

        List<Map<String, Object>> trail = trail(rota, alert);
        assertThat(trail).extracting(n -> n.get("channel")).containsOnly(PushSubscription.channelOf(phone.endpoint()));
        assertThat(trail).allSatisfy(n -> assertThat(n).containsEntry("status", "SENT"));
    }

    @Test
    void aSubscriptionThePushServiceSaysIsGoneIsForgottenAndTheNextStepPaged() {
        Rota rota = Rota.fresh();
        PushService.Subscriber phone = push.subscriber("gone");
        push.answer(phone, 410);
        rota.pushOnly(rota.primary, phone).contacts(rota.secondary).schedule(rota.primary, rota.secondary);
        UUID alert = UUID.randomUUID();

        rota.alert("AlertRaised", alert, Map.of());

        assertThat(push.next(phone, WAIT).status()).isEqualTo(410);
        Waiting.until("the secondary's e-mail", () -> !MailServer.receivedBy(email(rota.secondary)).isEmpty());
        Waiting.until("the phone forgotten", () -> TestUsers.at(List.of(rota.site), rota.primary, "clinician",
                () -> given().get("/api/oncall/me/contacts").then().statusCode(200).extract().jsonPath()
                        .getList("push")).isEmpty());
        Map<String, Object> failed = trail(rota, alert).stream()
                .filter(n -> n.get("channel").toString().startsWith("push:")).findFirst().orElseThrow();
        assertThat(failed).containsEntry("status", "FAILED").containsEntry("attempts", 1);
        assertThat(failed.get("detail").toString()).contains("410");
        sleep(1500);
        assertThat(push.received(phone)).as("never retried").hasSize(1);
    }

    @Test
    void theStartOfShiftTestReachesThePhoneAndAServerErrorIsAFailedReceipt() {
        Rota rota = Rota.fresh();
        PushService.Subscriber phone = push.subscriber("test");
        rota.pushOnly(rota.primary, phone);

        List<Map<String, Object>> receipts = TestUsers.at(List.of(rota.site), rota.primary, "clinician",
                () -> given().post("/api/oncall/me/test").then().statusCode(200).extract().jsonPath().getList("$"));

        assertThat(receipts).singleElement().satisfies(r -> assertThat(r).containsEntry("channel", PushSubscription.channelOf(phone.endpoint()))
                .containsEntry("accepted", true));
        JsonPath shown = JsonPath.from(push.next(phone, WAIT).payload());
        assertThat(shown.getString("kind")).isEqualTo("TEST");
        assertThat(shown.getString("tag")).isEqualTo("bfr-guard-test");
        assertThat(shown.getString("url")).endsWith("/contacts.html");

        push.answer(phone, 503);
        TestUsers.at(List.of(rota.site), rota.primary, "clinician", () -> given().post("/api/oncall/me/test").then()
                .statusCode(200).body("[0].accepted", equalTo(false)).body("[0].detail", containsString("HTTP 503")));
    }

    @Test
    void aSubscriptionNoBrowserWouldMakeIsRefusedWithItsField() {
        Rota rota = Rota.fresh();
        PushService.Subscriber phone = push.subscriber("bad");
        Map<String, Object> subscription = phone.json("phone");
        subscription.put("keys", Map.of("p256dh", "BAAA", "auth", phone.auth()));

        TestUsers.at(List.of(rota.site), rota.primary, "clinician", () -> given().contentType("application/json")
                .body(Map.of("webhooks", List.of(), "push", List.of(subscription)))
                .put("/api/oncall/me/contacts").then().statusCode(400)
                .body("errors[0].field", equalTo("push[0].keys.p256dh")));
    }
}
