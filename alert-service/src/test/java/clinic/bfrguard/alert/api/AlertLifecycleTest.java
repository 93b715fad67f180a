package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.support.Alerts;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.TopicRecords;
import clinic.bfrguard.testing.Waiting;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static clinic.bfrguard.alert.api.AlertRaisingTest.screeningCompleted;
import static clinic.bfrguard.alert.api.AlertRaisingTest.symptom;
import static clinic.bfrguard.alert.support.TestEvents.data;
import static clinic.bfrguard.alert.support.TestEvents.newPatient;
import static clinic.bfrguard.alert.support.TestEvents.screening;
import static clinic.bfrguard.alert.support.TestEvents.session;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** OPEN → ACKNOWLEDGED → RESOLVED with who and when, by a clinician or by the event that settles the cause. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@TestSecurity(user = "clinician1", roles = "clinician")
class AlertLifecycleTest {

    @Test
    void acknowledgeAndResolveRecordWhoAndWhenAndPublishEachStep() {
        String patient = newPatient();
        session(patient, "SymptomReported", symptom(UUID.randomUUID(), "PAIN"));
        String id = (String) Alerts.awaitOne(patient).get("id");
        Instant before = Instant.now().minusSeconds(1);

        given().post("/api/alerts/{id}/acknowledge", id).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedBy", equalTo("clinician1"))
                .body("acknowledgedAt", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("note", "Set stopped, pain settled after release"))
                .post("/api/alerts/{id}/resolve", id).then().statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("resolvedBy", equalTo("clinician1"))
                .body("resolveNote", equalTo("Set stopped, pain settled after release"))
                .body("resolvedAutomatically", equalTo(false));

        JsonPath alert = Alerts.get(id);
        assertThat(Instant.parse(alert.getString("acknowledgedAt"))).isAfter(before);
        assertThat(Instant.parse(alert.getString("resolvedAt")))
                .isAfterOrEqualTo(Instant.parse(alert.getString("acknowledgedAt")));

        List<ConsumerRecord<String, String>> published = TopicRecords.withKey("alert-events", patient, 3);
        assertThat(published).extracting(r -> JsonPath.from(r.value()).getString("type"))
                .containsExactly("AlertRaised", "AlertAcknowledged", "AlertResolved");
        assertThat(JsonPath.from(published.get(2).value()).getString("data.resolvedBy")).isEqualTo("clinician1");
    }

    @Test
    void wrongStepsAreConflictsAndUnknownAlertsNotFound() {
        String patient = newPatient();
        session(patient, "SymptomReported", symptom(UUID.randomUUID(), "TINGLING"));
        String id = (String) Alerts.awaitOne(patient).get("id");

        given().post("/api/alerts/{id}/acknowledge", id).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("note", "x".repeat(2001)))
                .post("/api/alerts/{id}/resolve", id).then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{not json").post("/api/alerts/{id}/resolve", id)
                .then().statusCode(400);
        given().post("/api/alerts/{id}/acknowledge", id).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("already acknowledged"));
        given().post("/api/alerts/{id}/resolve", id).then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("resolveNote", equalTo(null));
        given().post("/api/alerts/{id}/resolve", id).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("already resolved"));
        given().post("/api/alerts/{id}/acknowledge", id).then().statusCode(409);

        given().get("/api/alerts/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().post("/api/alerts/{id}/acknowledge", UUID.randomUUID()).then().statusCode(404);
        given().get("/api/alerts?severity=LOUD").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("severity"));
        given().header("Last-Event-ID", "yesterday").get("/api/alerts/stream").then().statusCode(400);
    }

    @Test
    void listFiltersByStatusSeverityAndPatientNewestFirst() {
        String patient = newPatient();
        UUID sessionId = UUID.randomUUID();
        session(patient, "SymptomReported", symptom(sessionId, "PAIN"));
        Alerts.await(patient, 1);
        session(patient, "SymptomReported", symptom(sessionId, "NUMBNESS"));
        List<Map<String, Object>> alerts = Alerts.await(patient, 2);

        assertThat(alerts).extracting(a -> a.get("severity")).containsExactly("CRITICAL", "HIGH");
        List<Map<String, Object>> critical = given().queryParam("patientId", patient)
                .queryParam("severity", "CRITICAL").queryParam("status", "OPEN")
                .get("/api/alerts").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(critical).hasSize(1);
        assertThat(given().get("/api/alerts").then().statusCode(200).extract().jsonPath().getList("$")).isNotEmpty();
        assertThat(given().queryParam("patientId", patient).queryParam("status", "RESOLVED")
                .get("/api/alerts").then().statusCode(200).extract().jsonPath().getList("$")).isEmpty();
    }

    @Test
    void aWarningResolvesItselfWhenTheBandComesOffInTime() {
        String patient = newPatient();
        UUID sessionId = UUID.randomUUID();
        UUID bandId = UUID.randomUUID();
        Instant applied = Instant.now().minusSeconds(900);
        Instant deadline = applied.plusSeconds(1200);
        session(patient, "BandTimeWarning", data("sessionId", sessionId, "bandId", bandId, "limb", "LEFT_ARM",
                "appliedAt", applied, "warnAt", applied.plusSeconds(900), "deadline", deadline,
                "raisedAt", applied.plusSeconds(900)));
        Alerts.awaitOne(patient);
        session(patient, "BandReleased", data("sessionId", sessionId, "bandId", bandId, "limb", "LEFT_ARM",
                "appliedAt", applied, "releasedAt", applied.plusSeconds(1000), "deadline", deadline,
                "wornSeconds", 1000, "releasedBy", "physio1"));

        Map<String, Object> alert = Waiting.until("the warning resolved", () -> Alerts.awaitOne(patient),
                a -> "RESOLVED".equals(a.get("status")));

        assertThat(alert).containsEntry("resolvedAutomatically", true).containsEntry("resolvedBy", "physio1");
        assertThat((String) alert.get("resolveNote")).isEqualTo("Band released after 16 min 40 s, before the deadline");
        assertThat(alert.get("bandReleasedAt")).isNotNull();
    }

    @Test
    void aWarningThatArrivesAfterAnInTimeReleaseRaisesNothing() {
        String patient = newPatient();
        UUID sessionId = UUID.randomUUID();
        UUID bandId = UUID.randomUUID();
        Instant applied = Instant.now().minusSeconds(900);
        Instant deadline = applied.plusSeconds(1200);
        session(patient, "BandReleased", data("sessionId", sessionId, "bandId", bandId, "limb", "LEFT_ARM",
                "appliedAt", applied, "releasedAt", applied.plusSeconds(890), "deadline", deadline,
                "wornSeconds", 890, "releasedBy", "physio1"));
        session(patient, "BandTimeWarning", data("sessionId", sessionId, "bandId", bandId, "limb", "LEFT_ARM",
                "appliedAt", applied, "warnAt", applied.plusSeconds(900), "deadline", deadline,
                "raisedAt", applied.plusSeconds(900)));
        session(patient, "SymptomReported", symptom(sessionId, "PAIN"));

        Alerts.awaitOne(patient);
        AlertRaisingTest.sleep(500);

        assertThat(Alerts.ofPatient(patient)).extracting(a -> a.get("type")).containsExactly("ADVERSE_SYMPTOM");
    }

    @Test
    void anOverrunStaysOpenAndShowsWhenTheBandCameOff() {
        String patient = newPatient();
        UUID sessionId = UUID.randomUUID();
        UUID bandId = UUID.randomUUID();
        Instant applied = Instant.now().minusSeconds(1300);
        Instant deadline = applied.plusSeconds(1200);
        session(patient, "BandTimeWarning", data("sessionId", sessionId, "bandId", bandId, "limb", "RIGHT_THIGH",
                "appliedAt", applied, "warnAt", applied.plusSeconds(900), "deadline", deadline,
                "raisedAt", applied.plusSeconds(900)));
        session(patient, "BandTimeOverrun", data("sessionId", sessionId, "bandId", bandId, "limb", "RIGHT_THIGH",
                "appliedAt", applied, "deadline", deadline, "limitSeconds", 1200, "raisedAt", deadline));
        Alerts.await(patient, 2);
        session(patient, "BandReleased", data("sessionId", sessionId, "bandId", bandId, "limb", "RIGHT_THIGH",
                "appliedAt", applied, "releasedAt", applied.plusSeconds(1290), "deadline", deadline,
                "wornSeconds", 1290, "releasedBy", "physio1"));

        List<Map<String, Object>> alerts = Waiting.until("the release recorded on both alerts",
                () -> Alerts.ofPatient(patient), list -> list.stream().allMatch(a -> a.get("bandReleasedAt") != null));

        Map<String, Object> overrun = alerts.stream().filter(a -> "BAND_TIME_OVERRUN".equals(a.get("type")))
                .findFirst().orElseThrow();
        Map<String, Object> warning = alerts.stream().filter(a -> "BAND_TIME_WARNING".equals(a.get("type")))
                .findFirst().orElseThrow();
        assertThat(overrun).containsEntry("status", "OPEN");
        assertThat((String) overrun.get("message")).startsWith("Patient " + patient + ": the band on the right upper thigh"
                + " was on for 21 min 30 s, limit 20 min, released at ").endsWith("Check the limb (colour, sensation, pain,"
                + " swelling) and record the review.");
        assertThat(warning).containsEntry("status", "OPEN");
    }

    @Test
    void theClearanceResolvesTheClearanceRequiredAlert() {
        String patient = newPatient();
        UUID screeningId = UUID.randomUUID();
        screening(patient, "ScreeningCompleted", screeningCompleted(screeningId, "REVIEW_REQUIRED", 2, List.of()));
        Alerts.awaitOne(patient);
        screening(patient, "ClearanceGranted", data("screeningId", screeningId, "clearedBy", "clinician7",
                "clearedAt", Instant.now(), "validUntil", Instant.now().plusSeconds(86400)));

        Map<String, Object> alert = Waiting.until("the clearance alert resolved", () -> Alerts.awaitOne(patient),
                a -> "RESOLVED".equals(a.get("status")));

        assertThat(alert).containsEntry("type", "CLEARANCE_REQUIRED").containsEntry("resolvedBy", "clinician7")
                .containsEntry("resolvedAutomatically", true);
    }

    @Test
    void aClearanceArrivingBeforeItsScreeningResolvesTheAlertTheScreeningRaises() {
        String patient = newPatient();
        UUID screeningId = UUID.randomUUID();
        screening(patient, "ClearanceGranted", data("screeningId", screeningId, "clearedBy", "clinician8",
                "clearedAt", Instant.now(), "validUntil", Instant.now().plusSeconds(86400)));
        screening(patient, "ScreeningCompleted", screeningCompleted(screeningId, "REVIEW_REQUIRED", 2, List.of()));

        Map<String, Object> alert = Waiting.until("the clearance alert resolved", () -> Alerts.awaitOne(patient),
                a -> "RESOLVED".equals(a.get("status")));

        assertThat(alert).containsEntry("type", "CLEARANCE_REQUIRED").containsEntry("resolvedBy", "clinician8")
                .containsEntry("resolvedAutomatically", true);
        assertThat(Alerts.ofPatient(patient)).hasSize(1);
    }
}
