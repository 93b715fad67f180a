package clinic.bfrguard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static clinic.bfrguard.e2e.Api.as;
import static clinic.bfrguard.e2e.Api.newPatient;
import static clinic.bfrguard.e2e.Api.screen;
import static clinic.bfrguard.e2e.Api.startSessionOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The flows a clinic lives by, through the public APIs of the running system, with real tokens. */
class HeadlineFlowsIT {

    private static final Duration ALERT_WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void stack() {
        E2EStack.get();
    }

    private static boolean alert(JsonNode change, String patientId, String type, String kind) {
        JsonNode alert = change.path("alert");
        return alert.path("patientId").asText().equals(patientId) && alert.path("type").asText().equals(type)
                && change.path("kind").asText().equals(kind);
    }

    @Test
    void contraindicatedPatientIsFlaggedAndRefusedASession() throws Exception {
        String patient = newPatient();
        try (AlertStream board = new AlertStream(Tokens.of("clinician1")).awaitOpen()) {
            screen("physio1", patient, "[\"HISTORY_OF_THROMBOSIS\"]")
                    .then().statusCode(201)
                    .body("outcome", equalTo("CONTRAINDICATED"));

            JsonNode flagged = board.await("CONTRAINDICATION_FLAGGED",
                    e -> alert(e, patient, "CONTRAINDICATION_FLAGGED", "RAISED"), ALERT_WAIT);
            assertThat(flagged.path("alert").path("severity").asText()).isEqualTo("HIGH");
            assertThat(flagged.path("alert").path("message").asText()).contains(patient);

            Response refused = startSessionOnce(patient, r -> r.statusCode() == 409
                    && r.jsonPath().getString("detail").contains("contraindicated"));
            refused.then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("contraindicated"));
        }
    }

    @Test
    void bandLeftOnIsWarnedThenOverrunWithoutAnyCall() throws Exception {
        String patient = newPatient();
        try (AlertStream board = new AlertStream(Tokens.of("clinician1")).awaitOpen()) {
            screen("physio1", patient, "[]").then().statusCode(201).body("outcome", equalTo("CLEARED"));
            Response started = startSessionOnce(patient, r -> r.statusCode() == 201);
            started.then().statusCode(201);
            String sessionId = started.jsonPath().getString("id");

            Response applied = as("physio1", "session-service")
                    .body("{\"limb\":\"LEFT_THIGH\",\"perceivedPressure\":6}")
                    .post("/api/sessions/" + sessionId + "/bands");
            applied.then().statusCode(201).body("deadline", notNullValue());
            String bandId = applied.jsonPath().getString("bandId");

            JsonNode warning = board.await("BAND_TIME_WARNING",
                    e -> alert(e, patient, "BAND_TIME_WARNING", "RAISED"), ALERT_WAIT);
            assertThat(warning.path("alert").path("severity").asText()).isEqualTo("WARNING");
            JsonNode overrun = board.await("BAND_TIME_OVERRUN",
                    e -> alert(e, patient, "BAND_TIME_OVERRUN", "RAISED"), ALERT_WAIT);
            assertThat(overrun.path("alert").path("severity").asText()).isEqualTo("CRITICAL");
            assertThat(overrun.path("alert").path("message").asText()).contains("the band on the left upper thigh");
            assertThat(overrun.path("alert").path("bandId").asText()).isEqualTo(bandId);
            String alertId = overrun.path("alert").path("id").asText();

            as("clinician1", "alert-service").post("/api/alerts/" + alertId + "/acknowledge")
                    .then().statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED"))
                    .body("acknowledgedBy", equalTo("clinician1"));
            board.await("the acknowledgement", e -> alert(e, patient, "BAND_TIME_OVERRUN", "ACKNOWLEDGED"), ALERT_WAIT);

            as("physio1", "session-service").post("/api/sessions/" + sessionId + "/bands/" + bandId + "/release")
                    .then().statusCode(200);
            as("clinician1", "alert-service").body("{\"note\":\"Band released, limb checked\"}")
                    .post("/api/alerts/" + alertId + "/resolve")
                    .then().statusCode(200)
                    .body("status", equalTo("RESOLVED"))
                    .body("resolvedBy", equalTo("clinician1"));
            board.await("the resolution", e -> alert(e, patient, "BAND_TIME_OVERRUN", "RESOLVED"), ALERT_WAIT);

            as("physio1", "session-service").post("/api/sessions/" + sessionId + "/complete")
                    .then().statusCode(200).body("status", equalTo("COMPLETED"));
        }
    }

    @Test
    void reviewRequiredPatientTrainsOnceAClinicianClears() throws Exception {
        String patient = newPatient();
        try (AlertStream board = new AlertStream(Tokens.of("clinician1")).awaitOpen()) {
            String screeningId = screen("physio1", patient, "[\"DIABETES\"]")
                    .then().statusCode(201).body("outcome", equalTo("REVIEW_REQUIRED"))
                    .extract().path("id");
            board.await("CLEARANCE_REQUIRED", e -> alert(e, patient, "CLEARANCE_REQUIRED", "RAISED"), ALERT_WAIT);
            startSessionOnce(patient, r -> r.statusCode() == 409
                    && r.jsonPath().getString("detail").contains("clearance"))
                    .then().statusCode(409).body("detail", containsString("awaits a clinician's clearance"));

            as("clinician1", "screening-service").body("{\"note\":\"Diabetes controlled\"}")
                    .post("/api/screenings/" + screeningId + "/clearance")
                    .then().statusCode(200).body("clearance.clearedBy", equalTo("clinician1"));

            startSessionOnce(patient, r -> r.statusCode() == 201).then().statusCode(201);
            board.await("CLEARANCE_REQUIRED resolved",
                    e -> alert(e, patient, "CLEARANCE_REQUIRED", "RESOLVED"), ALERT_WAIT);
        }
    }

    @Test
    void numbnessIsACriticalAdverseSymptom() throws Exception {
        String patient = newPatient();
        try (AlertStream board = new AlertStream(Tokens.of("clinician1")).awaitOpen()) {
            screen("physio1", patient, "[]").then().statusCode(201);
            Response started = startSessionOnce(patient, r -> r.statusCode() == 201);
            String sessionId = started.then().statusCode(201).extract().path("id");
            as("physio1", "session-service").body("{\"symptom\":\"NUMBNESS\",\"note\":\"left foot\"}")
                    .post("/api/sessions/" + sessionId + "/symptoms")
                    .then().statusCode(201);
            JsonNode symptom = board.await("ADVERSE_SYMPTOM",
                    e -> alert(e, patient, "ADVERSE_SYMPTOM", "RAISED"), ALERT_WAIT);
            assertThat(symptom.path("alert").path("severity").asText()).isEqualTo("CRITICAL");
            assertThat(symptom.path("alert").path("message").asText()).containsIgnoringCase("numbness");
        }
    }
}
