package clinic.bfrguard.notification.api;

import clinic.bfrguard.notification.support.MailServer;
import clinic.bfrguard.notification.support.NotificationTestResources;
import clinic.bfrguard.notification.support.Rota;
import clinic.bfrguard.notification.support.WebhookReceiver;
import clinic.bfrguard.testing.TestUsers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static clinic.bfrguard.notification.support.Rota.email;
import static clinic.bfrguard.notification.support.Rota.webhook;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(NotificationTestResources.class)
@TestSecurity(user = "clinician1", roles = "clinician")
class OnCallApiTest {

    private static Map<String, Object> schedule(List<Map<String, Object>> steps, List<Map<String, Object>> overrides) {
        return Map.of("timeZone", "Europe/Madrid", "handoff", "08:00", "rotationStart", "2026-01-05", "steps", steps,
                "overrides", overrides);
    }

    private static ValidatableResponse putSchedule(Rota rota, Object body) {
        return TestUsers.at(List.of(rota.site), "admin-" + rota.site, "clinic-admin", () -> given()
                .contentType("application/json").body(body).put("/api/oncall/{site}", rota.site).then());
    }

    @Test
    void theSiteSeesWhoIsOnCallNowAtEachStepAndTheSchedule() {
        Rota rota = Rota.fresh();
        rota.contacts(rota.primary).contacts(rota.secondary).schedule(rota.primary, rota.secondary);

        for (String role : List.of("physiotherapist", "clinician", "clinic-admin")) {
            TestUsers.at(List.of(rota.site), "someone", role, () -> given().get("/api/oncall/{site}", rota.site)
                    .then().statusCode(200)
                    .body("site", equalTo(rota.site))
                    .body("now[0].step", equalTo(0)).body("now[0].member", equalTo(rota.primary))
                    .body("now[1].member", equalTo(rota.secondary))
                    .body("schedule.timeZone", equalTo("Europe/Madrid"))
                    .body("schedule.steps[1].members[0]", equalTo(rota.secondary)));
        }
    }

    @Test
    void aSiteWithoutScheduleHasNobodyOnCall() {
        Rota rota = Rota.fresh();
        TestUsers.at(List.of(rota.site), "someone", "clinician", () -> given().get("/api/oncall/{site}", rota.site)
                .then().statusCode(200).body("now.size()", equalTo(0)).body("schedule", equalTo(null)));
    }

    @Test
    void anotherSitesOnCallIsForbidden() {
        Rota rota = Rota.fresh();
        TestUsers.at(List.of("elsewhere"), "someone", "clinician", () -> given().get("/api/oncall/{site}", rota.site)
                .then().statusCode(403).contentType(containsString("application/problem+json")));
        TestUsers.at(List.of("elsewhere"), "admin", "clinic-admin", () -> given().contentType("application/json")
                .body(schedule(List.of(), List.of())).put("/api/oncall/{site}", rota.site).then().statusCode(403));
    }

    @Test
    void onlyTheAdminSetsTheSchedule() {
        Rota rota = Rota.fresh();
        rota.contacts(rota.primary);
        for (String role : List.of("physiotherapist", "clinician")) {
            TestUsers.at(List.of(rota.site), "someone", role, () -> given().contentType("application/json")
                    .body(schedule(List.of(Map.of("name", "primary", "members", List.of(rota.primary))), List.of()))
                    .put("/api/oncall/{site}", rota.site).then().statusCode(403));
        }
    }

    @Test
    void aScheduleNamingSomeoneUnknownAtTheSiteIsRefused() {
        Rota rota = Rota.fresh();
        rota.contacts(rota.primary);

        putSchedule(rota, schedule(List.of(Map.of("name", "primary", "members", List.of(rota.primary, "ghost"))),
                List.of())).statusCode(400).contentType(containsString("application/problem+json"))
                .body("detail", containsString("unknown member ghost"));
    }

    @Test
    void overlappingOverridesOfOneStepAreRefused() {
        Rota rota = Rota.fresh();
        rota.contacts(rota.primary).contacts(rota.secondary);

        putSchedule(rota, schedule(List.of(Map.of("name", "primary", "members", List.of(rota.primary))), List.of(
                Map.of("step", 0, "member", rota.secondary, "from", "2026-12-05T07:00:00Z", "to",
                        "2026-12-06T07:00:00Z"),
                Map.of("step", 0, "member", rota.primary, "from", "2026-12-05T20:00:00Z", "to",
                        "2026-12-07T07:00:00Z")))).statusCode(400).body("detail", containsString("overlaps"));
    }

    @Test
    void malformedSchedulesAreRefusedWithTheField() {
        Rota rota = Rota.fresh();
        rota.contacts(rota.primary);
        putSchedule(rota, Map.of("timeZone", "Mars/Olympus", "handoff", "08:00", "rotationStart", "2026-01-05",
                "steps", List.of(Map.of("name", "primary", "members", List.of(rota.primary)))))
                .statusCode(400).body("detail", containsString("timeZone"));
        putSchedule(rota, "{\"timeZone\": ").statusCode(400);
    }

    @Test
    void aClinicianKeepsTheirOwnContactPoints() {
        Rota rota = Rota.fresh();
        String hook = "/" + rota.primary + "/own";
        rota.contacts(rota.primary, webhook("own", hook, "CLOUDEVENTS"));

        TestUsers.at(List.of(rota.site), rota.primary, "clinician", () -> given().get("/api/oncall/me/contacts")
                .then().statusCode(200).body("email", equalTo(email(rota.primary)))
                .body("webhooks[0].name", equalTo("own")).body("webhooks[0].format", equalTo("CLOUDEVENTS")));
        TestUsers.at(List.of(rota.site), rota.secondary, "clinician", () -> given().get("/api/oncall/me/contacts")
                .then().statusCode(200).body("email", equalTo(null)).body("webhooks.size()", equalTo(0)));
    }

    @Test
    void malformedContactPointsAreRefused() {
        Rota rota = Rota.fresh();
        TestUsers.at(List.of(rota.site), rota.primary, "clinician", () -> {
            given().contentType("application/json").body(Map.of("email", "not-an-address"))
                    .put("/api/oncall/me/contacts").then().statusCode(400)
                    .contentType(containsString("application/problem+json")).body("detail", containsString("email"));
            given().contentType("application/json").body(Map.of("webhooks", List.of(Map.of("name", "x", "url",
                    "ftp://hooks.clinic.example", "format", "CLOUDEVENTS")))).put("/api/oncall/me/contacts").then()
                    .statusCode(400).body("detail", containsString("webhooks[0].url"));
        });
        TestUsers.at(List.of(rota.site), "physio", "physiotherapist", () -> given().contentType("application/json")
                .body(Map.of("email", "physio@clinic.example")).put("/api/oncall/me/contacts").then()
                .statusCode(403));
    }

    @Test
    void theStartOfShiftTestReachesEveryChannelWithReceipts() {
        Rota rota = Rota.fresh();
        String good = "/" + rota.primary + "/good";
        String bad = "/" + rota.primary + "/bad";
        WebhookReceiver.answer(bad, 404);
        rota.contacts(rota.primary, webhook("good", good, "CLOUDEVENTS"), webhook("bad", bad, "PAGERDUTY"));

        List<Map<String, Object>> receipts = TestUsers.at(List.of(rota.site), rota.primary, "clinician", () -> given()
                .post("/api/oncall/me/test").then().statusCode(200).extract().jsonPath().getList("$"));

        assertThat(receipts).extracting(r -> r.get("channel"), r -> r.get("accepted"), r -> r.get("detail"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("email", true, "accepted by the mail server"),
                        org.assertj.core.groups.Tuple.tuple("webhook:good", true, "HTTP 200"),
                        org.assertj.core.groups.Tuple.tuple("webhook:bad", false, "HTTP 404"));
        assertThat(MailServer.receivedBy(email(rota.primary))).singleElement()
                .satisfies(mail -> assertThat(mail.subject()).contains("test notification"));
        assertThat(WebhookReceiver.requests(good)).singleElement().satisfies(r -> assertThat(r.body())
                .contains("clinic.bfrguard.notification.test"));
    }

    @Test
    void theTrailNeedsAnAlertId() {
        TestUsers.at(List.of("north"), "clinician1", "clinician", () -> {
            given().get("/api/notifications").then().statusCode(400).body("detail", containsString("alertId"));
            given().queryParam("alertId", "nope").get("/api/notifications").then().statusCode(400);
        });
        TestUsers.at(List.of("north"), "physio1", "physiotherapist", () -> given()
                .queryParam("alertId", "a5916e81-1c2a-4df9-9960-ffd855b0b0be").get("/api/notifications").then()
                .statusCode(403));
    }
}
