package clinic.bfrguard.e2e;

import clinic.bfrguard.stack.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static clinic.bfrguard.e2e.Api.as;
import static clinic.bfrguard.e2e.Api.screen;
import static clinic.bfrguard.e2e.Api.startSessionOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Logs leave the clinic's systems (log collectors, support tickets): they carry no patient ids and no clinical free
 * text. The test walks the flows that log the most, good and bad requests alike, with ids and notes it can
 * recognise, then reads the log output of every service, the web console, Kafka and Keycloak; it also checks that
 * the services' and the console's output is structured, one JSON object per line, as they log in production. It runs after the other test classes of the suite, so the patient
 * ids they used (see {@link Api#newPatient()}) are searched for as well.
 */
@Order(Integer.MAX_VALUE)
class LogPrivacyIT {

    private static final Duration ALERT_WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String marker = UUID.randomUUID().toString().substring(0, 8);
    private final String reviewed = "PRIV-R-" + marker;
    private final String contraindicated = "PRIV-C-" + marker;
    private final String unknown = "PRIV-U-" + marker;
    private final String screeningNote = "secret-screening-note-" + marker;
    private final String clearanceNote = "secret-clearance-note-" + marker;
    private final String symptomNote = "secret-symptom-note-" + marker;
    private final String resolutionNote = "secret-resolution-note-" + marker;

    @BeforeAll
    static void stack() {
        E2EStack.get();
    }

    @Test
    void noPatientIdOrNoteReachesAnyLog() throws Exception {
        try (AlertStream board = new AlertStream(Tokens.of("clinician1")).awaitOpen()) {
            walkTheFlows(board);
            sendBadRequests();
        }
        // the services log asynchronously to their files: give the last lines a moment
        Thread.sleep(2_000);

        LocalStack stack = E2EStack.get();
        List<String> secrets = new ArrayList<>(List.of(reviewed, contraindicated, unknown, screeningNote,
                clearanceNote, symptomNote, resolutionNote));
        secrets.addAll(Api.patientsSoFar());
        List<String> leaks = new ArrayList<>();
        List<String> unstructured = new ArrayList<>();
        List<String> ours = new ArrayList<>(LocalStack.SERVICES);
        ours.add(LocalStack.WEB_CONSOLE);
        // the broker and Keycloak log in their own formats, but must not learn patient data either
        List<String> components = new ArrayList<>(ours);
        components.addAll(List.of(LocalStack.KAFKA, LocalStack.KEYCLOAK));
        int lines = 0;
        for (String component : components) {
            Path log = stack.component(component).log();
            List<String> content = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertThat(content).as(component + " log").isNotEmpty();
            for (String line : content) {
                lines++;
                for (String secret : secrets) {
                    if (line.contains(secret)) {
                        leaks.add(component + ": " + line);
                    }
                }
                if (ours.contains(component) && !line.isBlank() && !isJsonRecord(line)) {
                    unstructured.add(component + ": " + line);
                }
            }
        }
        System.out.printf("LogPrivacyIT: %d log lines of %d components searched for %d patient ids and notes%n",
                lines, components.size(), secrets.size());
        assertThat(leaks).as("log lines with patient data").isEmpty();
        assertThat(unstructured).as("log lines that are not JSON records").isEmpty();
    }

    private void walkTheFlows(AlertStream board) throws Exception {
        String screeningId = as("physio1", "screening-service")
                .body("{\"patientId\":\"" + reviewed + "\",\"systolic\":128,\"diastolic\":82,"
                        + "\"conditions\":[\"DIABETES\"],\"notes\":\"" + screeningNote + "\"}")
                .post("/api/screenings")
                .then().statusCode(201).body("outcome", equalTo("REVIEW_REQUIRED")).extract().path("id");
        as("clinician1", "screening-service").body("{\"note\":\"" + clearanceNote + "\"}")
                .post("/api/screenings/" + screeningId + "/clearance")
                .then().statusCode(200);

        Response started = startSessionOnce(reviewed, r -> r.statusCode() == 201);
        String sessionId = started.then().statusCode(201).extract().path("id");
        String bandId = as("physio1", "session-service").body("{\"limb\":\"LEFT_THIGH\",\"perceivedPressure\":6}")
                .post("/api/sessions/" + sessionId + "/bands")
                .then().statusCode(201).extract().path("bandId");
        as("physio1", "session-service")
                .body("{\"exercise\":\"LEG_PRESS\",\"limb\":\"LEFT_THIGH\",\"loadPercentOneRm\":55,\"reps\":15}")
                .post("/api/sessions/" + sessionId + "/sets")
                .then().statusCode(201);
        as("physio1", "session-service").body("{\"symptom\":\"NUMBNESS\",\"note\":\"" + symptomNote + "\"}")
                .post("/api/sessions/" + sessionId + "/symptoms")
                .then().statusCode(201);
        as("physio1", "session-service").post("/api/sessions/" + sessionId + "/bands/" + bandId + "/release")
                .then().statusCode(200);
        as("physio1", "session-service").post("/api/sessions/" + sessionId + "/complete")
                .then().statusCode(200);

        JsonNode symptom = board.await("ADVERSE_SYMPTOM", e -> raised(e, reviewed, "ADVERSE_SYMPTOM"), ALERT_WAIT);
        board.await("GUIDELINE_DEVIATION", e -> raised(e, reviewed, "GUIDELINE_DEVIATION"), ALERT_WAIT);
        String alertId = symptom.path("alert").path("id").asText();
        as("clinician1", "alert-service").post("/api/alerts/" + alertId + "/acknowledge").then().statusCode(200);
        as("clinician1", "alert-service").body("{\"note\":\"" + resolutionNote + "\"}")
                .post("/api/alerts/" + alertId + "/resolve").then().statusCode(200);

        screen("physio1", contraindicated, "[\"HISTORY_OF_THROMBOSIS\"]")
                .then().statusCode(201).body("outcome", equalTo("CONTRAINDICATED"));
        board.await("CONTRAINDICATION_FLAGGED", e -> raised(e, contraindicated, "CONTRAINDICATION_FLAGGED"),
                ALERT_WAIT);
        startSessionOnce(contraindicated, r -> r.statusCode() == 409
                && r.jsonPath().getString("detail").contains("contraindicated"))
                .then().statusCode(409);
    }

    /** Refused requests are where values most often slip into log messages. */
    private void sendBadRequests() {
        as("physio1", "screening-service")
                .body("{\"patientId\":\"" + unknown + "\",\"systolic\":\"high\",\"diastolic\":80,\"conditions\":[]}")
                .post("/api/screenings").then().statusCode(400);
        as("physio1", "screening-service")
                .body("{\"patientId\":\"" + unknown + "\",\"systolic\":120,\"diastolic\":80,\"conditions\":[\""
                        + unknown + "\"],\"notes\":\"" + screeningNote + "\"}")
                .post("/api/screenings").then().statusCode(400);
        as("physio1", "screening-service")
                .body("{\"patientId\":\"" + unknown + "/../" + screeningNote + "\",\"systolic\":120,"
                        + "\"diastolic\":80,\"conditions\":[]}")
                .post("/api/screenings").then().statusCode(400);
        as("physio1", "screening-service").get("/api/screenings/" + unknown).then().statusCode(404);
        as("physio1", "screening-service").get("/api/patients/" + unknown + "/eligibility").then().statusCode(200);
        as("physio1", "session-service").body("{\"patientId\":\"" + unknown + "\"}")
                .post("/api/sessions").then().statusCode(409);
        as("physio1", "session-service").get("/api/sessions?patientId=" + unknown).then().statusCode(200);
        as("physio1", "session-service").get("/api/sessions/" + unknown).then().statusCode(404);
        as("physio1", "session-service").body("{\"symptom\":\"" + symptomNote + "\",\"note\":\"" + symptomNote + "\"}")
                .post("/api/sessions/" + UUID.randomUUID() + "/symptoms").then().statusCode(400);
        as("clinician1", "alert-service").get("/api/alerts?patientId=" + unknown).then().statusCode(200);
        as("clinician1", "alert-service").body("{\"note\":" + 12 + "}")
                .post("/api/alerts/" + unknown + "/resolve").then().statusCode(404);
    }

    private static boolean raised(JsonNode change, String patientId, String type) {
        JsonNode alert = change.path("alert");
        return alert.path("patientId").asText().equals(patientId) && alert.path("type").asText().equals(type)
                && change.path("kind").asText().equals("RAISED");
    }

    private static boolean isJsonRecord(String line) {
        try {
            JsonNode record = JSON.readTree(line);
            return record.isObject() && record.has("level") && record.has("message") && record.has("timestamp");
        } catch (Exception e) {
            return false;
        }
    }
}
