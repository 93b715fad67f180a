package clinic.bfrguard.session.api;

import clinic.bfrguard.session.domain.Limb;
import clinic.bfrguard.session.domain.LimbRestriction;
import clinic.bfrguard.session.support.Patients;
import clinic.bfrguard.session.support.SessionEventsOnTopic;
import clinic.bfrguard.testing.ClinicTestResources;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** The session API over HTTP, with its events checked on the real session-events topic. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
@TestSecurity(user = "physio1", roles = "physiotherapist")
class SessionApiTest {

    private static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    private static String start(String patientId) {
        return post("/api/sessions", Map.of("patientId", patientId)).statusCode(201)
                .header("Location", containsString("/api/sessions/"))
                .body("physiotherapist", equalTo("physio1"))
                .extract().path("id");
    }

    private static Response applyBand(String session, Limb limb, int perceivedPressure) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("limb", limb.name(), "perceivedPressure", perceivedPressure, "pressureMmHg", 150))
                .when().post("/api/sessions/" + session + "/bands");
    }

    private static String bandOn(String session, Limb limb) {
        return applyBand(session, limb, 6).then().statusCode(201).extract().path("bandId");
    }

    private static Map<String, Object> set(String exercise, Limb limb, Object load) {
        Map<String, Object> body = new HashMap<>();
        body.put("exercise", exercise);
        body.put("limb", limb.name());
        body.put("loadPercentOneRm", load);
        body.put("reps", 15);
        body.put("rpe", 7);
        return body;
    }

    @Test
    void aWholeSessionLeavesItsEventsOnTheTopic() {
        String patient = Patients.cleared();
        String session = start(patient);
        Response band = applyBand(session, Limb.LEFT_THIGH, 6);
        band.then().statusCode(201)
                .body("bandId", notNullValue()).body("appliedAt", notNullValue())
                .body("warnAt", notNullValue()).body("deadline", notNullValue())
                .body("deviations", hasSize(0));
        String bandId = band.path("bandId");
        post("/api/sessions/" + session + "/sets", set("LEG_PRESS", Limb.LEFT_THIGH, 30)).statusCode(201)
                .body("setNumber", equalTo(1)).body("deviations", hasSize(0));
        Response released = post("/api/sessions/" + session + "/bands/" + bandId + "/release", Map.of())
                .statusCode(200).body("releasedAt", notNullValue()).extract().response();
        // whole seconds between applying and releasing, however slow the machine
        assertThat(released.jsonPath().getLong("wornSeconds")).isEqualTo(Duration.between(
                Instant.parse(band.path("appliedAt")),
                Instant.parse(released.path("releasedAt"))).toSeconds());
        post("/api/sessions/" + session + "/complete", Map.of()).statusCode(200)
                .body("status", equalTo("COMPLETED")).body("completedBy", equalTo("physio1"));

        given().when().get("/api/sessions/" + session).then().statusCode(200)
                .body("bands", hasSize(1)).body("bands[0].releasedBy", equalTo("physio1"))
                .body("sets", hasSize(1)).body("status", equalTo("COMPLETED"));

        // The band timer runs on seconds in tests; on a slow machine it may warn before the release.
        List<JsonNode> events = SessionEventsOnTopic.of(patient, 5).stream()
                .filter(e -> !e.get("type").asText().startsWith("BandTime")).toList();
        assertThat(SessionEventsOnTopic.types(events)).containsExactly("SessionStarted", "BandApplied", "SetLogged",
                "BandReleased", "SessionCompleted");
        JsonNode applied = events.get(1).get("data");
        assertThat(applied.get("sessionId").asText()).isEqualTo(session);
        assertThat(applied.get("bandId").asText()).isEqualTo(bandId);
        assertThat(applied.get("limb").asText()).isEqualTo("LEFT_THIGH");
        assertThat(applied.get("pressureMmHg").asInt()).isEqualTo(150);
        assertThat(applied.get("deadline").asText()).isEqualTo(band.path("deadline"));
        JsonNode logged = events.get(2).get("data");
        assertThat(logged.get("setNumber").asInt()).isEqualTo(1);
        assertThat(logged.get("loadPercentOneRm").decimalValue()).isEqualByComparingTo("30");
        assertThat(events.get(3).get("data").get("releasedBy").asText()).isEqualTo("physio1");
        assertThat(events.get(4).get("data").get("completedBy").asText()).isEqualTo("physio1");
        assertThat(events.get(0).get("source").asText()).isEqualTo("session-service");
        assertThat(events.get(0).get("patientId").asText()).isEqualTo(patient);
    }

    @Test
    void aBandOnARestrictedLimbIsRefusedWithTheReason() {
        String patient = Patients.cleared(new LimbRestriction("LIMB_LYMPHOEDEMA", Limb.LEFT_ARM));
        String session = start(patient);
        applyBand(session, Limb.LEFT_ARM, 5).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("lymphoedema")).body("detail", containsString("LEFT_ARM"));
        bandOn(session, Limb.RIGHT_ARM);
    }

    @Test
    void aSecondBandOnTheSameLimbIsRefused() {
        String session = start(Patients.cleared());
        bandOn(session, Limb.RIGHT_THIGH);
        applyBand(session, Limb.RIGHT_THIGH, 5).then().statusCode(409)
                .body("detail", containsString("RIGHT_THIGH already wears a band"));
    }

    @Test
    void aSecondActiveSessionForThePatientIsRefused() {
        String patient = Patients.cleared();
        String first = start(patient);
        post("/api/sessions", Map.of("patientId", patient)).statusCode(409)
                .body("detail", containsString(first));
    }

    @Test
    void completingWithABandOnIsRefusedAndACompletedSessionTakesNothingMore() {
        String session = start(Patients.cleared());
        String band = bandOn(session, Limb.LEFT_ARM);
        post("/api/sessions/" + session + "/complete", Map.of()).statusCode(409)
                .body("detail", containsString("LEFT_ARM"));
        // A bare POST, as a tablet or curl sends it, without body or content type.
        given().when().post("/api/sessions/" + session + "/bands/" + band + "/release").then().statusCode(200);
        post("/api/sessions/" + session + "/bands/" + band + "/release", Map.of()).statusCode(409)
                .body("detail", containsString("already released"));
        given().when().post("/api/sessions/" + session + "/complete").then().statusCode(200);

        post("/api/sessions/" + session + "/complete", Map.of()).statusCode(409);
        applyBand(session, Limb.RIGHT_ARM, 5).then().statusCode(409).body("detail", containsString("COMPLETED"));
        post("/api/sessions/" + session + "/sets", set("BICEPS_CURL", Limb.RIGHT_ARM, 30)).statusCode(409);
        post("/api/sessions/" + session + "/symptoms", Map.of("symptom", "PAIN")).statusCode(409);
    }

    @Test
    void deviationsAreRecordedNotRefused() {
        String patient = Patients.cleared();
        String session = start(patient);
        applyBand(session, Limb.LEFT_ARM, 8).then().statusCode(201)
                .body("deviations", hasSize(1)).body("deviations[0].rule", equalTo("PERCEIVED_PRESSURE"));
        post("/api/sessions/" + session + "/sets", set("BICEPS_CURL", Limb.LEFT_ARM, 41)).statusCode(201)
                .body("deviations", hasSize(1)).body("deviations[0].rule", equalTo("LOAD"));
        for (int n = 2; n <= 4; n++) {
            post("/api/sessions/" + session + "/sets", set("BICEPS_CURL", Limb.LEFT_ARM, 40)).statusCode(201)
                    .body("setNumber", equalTo(n)).body("deviations", hasSize(0));
        }
        post("/api/sessions/" + session + "/sets", set("BICEPS_CURL", Limb.LEFT_ARM, 30)).statusCode(201)
                .body("setNumber", equalTo(5))
                .body("deviations", hasSize(1)).body("deviations[0].rule", equalTo("SETS_PER_EXERCISE"));
        String band = given().when().get("/api/sessions/" + session).then().extract().path("bands[0].bandId");
        post("/api/sessions/" + session + "/bands/" + band + "/release", Map.of()).statusCode(200);
        applyBand(session, Limb.LEFT_ARM, 5).then().statusCode(201)
                .body("deviations", hasSize(1)).body("deviations[0].rule", equalTo("REPERFUSION"));

        given().when().get("/api/sessions/" + session).then().body("deviations", hasSize(4));
        // started, applied, pressure, 5 sets, load, sets, released, applied, reperfusion
        List<JsonNode> deviations = SessionEventsOnTopic.ofType(SessionEventsOnTopic.of(patient, 13),
                "GuidelineDeviation");
        assertThat(deviations).extracting(e -> e.get("data").get("rule").asText())
                .containsExactly("PERCEIVED_PRESSURE", "LOAD", "SETS_PER_EXERCISE", "REPERFUSION");
        JsonNode load = deviations.get(1).get("data");
        assertThat(load.get("actual").decimalValue()).isEqualByComparingTo("41");
        assertThat(load.get("limit").decimalValue()).isEqualByComparingTo("40");
        assertThat(load.get("unit").asText()).isEqualTo("%1RM");
        assertThat(load.get("exercise").asText()).isEqualTo("BICEPS_CURL");
        assertThat(load.get("message").asText()).startsWith("Biceps curl at 41 % 1RM");
        assertThat(load.get("setId").asText()).isNotBlank();
        JsonNode pressure = deviations.get(0).get("data");
        assertThat(pressure.get("bandId").asText()).isEqualTo(band);
        assertThat(pressure.get("unit").asText()).isEqualTo("/10");
        JsonNode reperfusion = deviations.get(3).get("data");
        assertThat(reperfusion.get("limit").decimalValue()).isEqualByComparingTo("180");
        assertThat(reperfusion.get("unit").asText()).isEqualTo("s");
        assertThat(reperfusion.get("limb").asText()).isEqualTo("LEFT_ARM");
        assertThat(reperfusion.get("message").asText()).isNotBlank();
    }

    @Test
    void aSymptomIsReportedAtOnce() {
        String patient = Patients.cleared();
        String session = start(patient);
        post("/api/sessions/" + session + "/symptoms", Map.of("symptom", "NUMBNESS", "note", "left hand"))
                .statusCode(201).body("symptom", equalTo("NUMBNESS")).body("reportedBy", equalTo("physio1"));
        JsonNode reported = SessionEventsOnTopic.ofType(SessionEventsOnTopic.of(patient, 2), "SymptomReported")
                .get(0).get("data");
        assertThat(reported.get("symptom").asText()).isEqualTo("NUMBNESS");
        assertThat(reported.get("note").asText()).isEqualTo("left hand");
        assertThat(reported.get("reportedBy").asText()).isEqualTo("physio1");
        assertThat(reported.get("sessionId").asText()).isEqualTo(session);
    }

    @Test
    void badInputIsAProblemNeverAServerError() {
        String session = start(Patients.cleared());
        applyBand(session, Limb.LEFT_ARM, 11).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("perceivedPressure"));
        post("/api/sessions/" + session + "/bands", Map.of("limb", "LEFT_FOOT", "perceivedPressure", 5))
                .statusCode(400).contentType("application/problem+json");
        post("/api/sessions/" + session + "/bands", "{not json").statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).when().post("/api/sessions/" + session + "/bands").then()
                .statusCode(400).contentType("application/problem+json");
        post("/api/sessions/" + session + "/sets", set("", Limb.LEFT_ARM, 30)).statusCode(400);
        post("/api/sessions/" + session + "/sets", set("BICEPS_CURL", Limb.LEFT_ARM, 30.25)).statusCode(400)
                .body("errors[0].field", equalTo("loadPercentOneRm"));
        post("/api/sessions/" + session + "/sets", set("BICEPS_CURL", Limb.LEFT_ARM, 0)).statusCode(400)
                .body("errors[0].field", equalTo("loadPercentOneRm"));
        post("/api/sessions/" + session + "/symptoms", Map.of("symptom", "HEADACHE")).statusCode(400);
        post("/api/sessions", Map.of("patientId", "no spaces allowed")).statusCode(400)
                .body("errors[0].field", equalTo("patientId"));
        post("/api/sessions/00000000-0000-0000-0000-000000000000/bands",
                Map.of("limb", "LEFT_ARM", "perceivedPressure", 5)).statusCode(404)
                .contentType("application/problem+json");
        post("/api/sessions/" + session + "/bands/00000000-0000-0000-0000-000000000000/release", Map.of())
                .statusCode(404);
        given().when().get("/api/sessions/not-a-uuid").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    void cliniciansReadButDoNotWrite() {
        post("/api/sessions", Map.of("patientId", Patients.cleared())).statusCode(403)
                .contentType("application/problem+json");
        given().when().get("/api/sessions?status=ACTIVE&limit=5").then().statusCode(200);
    }

    @Test
    void sessionsAreFoundByPatientAndStatus() {
        String patient = Patients.cleared();
        String session = start(patient);
        given().when().get("/api/sessions?patientId=" + patient).then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo(session));
        given().when().get("/api/sessions?patientId=" + patient + "&status=COMPLETED").then().statusCode(200)
                .body("", hasSize(0));
        post("/api/sessions/" + session + "/complete", Map.of()).statusCode(200);
        given().when().get("/api/sessions?patientId=" + patient + "&status=COMPLETED").then().statusCode(200)
                .body("", hasSize(1)).body("[0].completedBy", equalTo("physio1"));
    }
}
