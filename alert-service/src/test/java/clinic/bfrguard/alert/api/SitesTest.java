package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.support.Alerts;
import clinic.bfrguard.testing.SseClient;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.TopicRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static clinic.bfrguard.alert.support.TestEvents.newPatient;
import static clinic.bfrguard.alert.support.TestEvents.session;
import static clinic.bfrguard.testing.TestUsers.at;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** An alert belongs to its patient's site; clinicians of another site neither see it nor act on it. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class SitesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> NORTH = List.of("north");
    private static final List<String> SOUTH = List.of("south");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/alerts/stream")
    URI stream;

    private static Map<String, Object> symptomAt(String site, String symptom) {
        Map<String, Object> data = AlertRaisingTest.symptom(UUID.randomUUID(), symptom);
        data.put("site", site);
        return data;
    }

    private static Map<String, Object> northAlert(String patient) {
        session(patient, "SymptomReported", symptomAt("north", "TINGLING"));
        return at(NORTH, "clinician1", "clinician", () -> Alerts.awaitOne(patient));
    }

    @Test
    void anAlertCarriesTheSiteOfItsEventIntoItsViewAndItsEvents() throws Exception {
        String patient = newPatient();
        Map<String, Object> alert = northAlert(patient);

        assertThat(alert.get("site")).isEqualTo("north");
        JsonNode raised = JSON.readTree(TopicRecords.withKey("alert-events", patient, 1).get(0).value());
        assertThat(raised.path("data").path("site").asText()).isEqualTo("north");
    }

    @Test
    void anotherSitesAlertAnswersAsAnUnknownOneToEveryReadAndWrite() {
        String patient = newPatient();
        String id = (String) northAlert(patient).get("id");
        String missing = "Alert " + id + " does not exist";

        at(SOUTH, "clinician3", "clinician", () -> {
            assertThat(Alerts.ofPatient(patient)).isEmpty();
            given().get("/api/alerts/{id}", id).then().statusCode(404)
                    .contentType("application/problem+json").body("detail", equalTo(missing));
            given().post("/api/alerts/{id}/acknowledge", id).then().statusCode(404).body("detail", equalTo(missing));
            given().post("/api/alerts/{id}/resolve", id).then().statusCode(404).body("detail", equalTo(missing));
            String unknown = UUID.randomUUID().toString();
            given().get("/api/alerts/{id}", unknown).then().statusCode(404)
                    .body("detail", equalTo("Alert " + unknown + " does not exist"));
        });

        at(NORTH, "clinician1", "clinician", () -> {
            given().post("/api/alerts/{id}/acknowledge", id).then().statusCode(200);
            given().post("/api/alerts/{id}/resolve", id).then().statusCode(200).body("status", equalTo("RESOLVED"));
        });
        at(List.of("north", "south"), "admin9", "clinician", () -> assertThat(Alerts.ofPatient(patient))
                .as("a clinician of both sites sees both").hasSize(1));
    }

    @Test
    void aStreamCarriesOnlyTheChangesOfTheCallersSites() throws Exception {
        String northPatient = newPatient();
        String southPatient = newPatient();
        try (SseClient south = at(SOUTH, "clinician3", "clinician", () -> connect())) {
            session(northPatient, "SymptomReported", symptomAt("north", "TINGLING"));
            session(southPatient, "SymptomReported", symptomAt("south", "TINGLING"));

            SseClient.Event first = south.next(e -> e.data().contains("\"patientId\""), WAIT);
            assertThat(first).as("the south alert on the south stream").isNotNull();
            assertThat(JsonPath.from(first.data()).getString("alert.patientId")).isEqualTo(southPatient);
            assertThat(south.next(e -> e.data().contains(northPatient), Duration.ofSeconds(2)))
                    .as("the north alert never reaches a south clinician").isNull();
        }
    }

    @Test
    void aReplayLeavesOutAnotherSitesChanges() throws Exception {
        String northPatient = newPatient();
        String southPatient = newPatient();
        String before = at(SOUTH, "clinician3", "clinician", () -> {
            try (SseClient client = connect()) {
                session(southPatient, "SymptomReported", symptomAt("south", "PAIN"));
                return client.next(e -> e.data().contains(southPatient), WAIT).id();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        session(northPatient, "SymptomReported", symptomAt("north", "PAIN"));
        session(southPatient, "SymptomReported", symptomAt("south", "TINGLING"));
        at(NORTH, "clinician1", "clinician", () -> Alerts.awaitOne(northPatient));
        at(SOUTH, "clinician3", "clinician", () -> Alerts.await(southPatient, 2));

        try (SseClient replay = at(SOUTH, "clinician3", "clinician", () -> connect(before))) {
            SseClient.Event next = replay.next(e -> e.data().contains("\"patientId\""), WAIT);
            assertThat(next).isNotNull();
            assertThat(JsonPath.from(next.data()).getString("alert.patientId")).isEqualTo(southPatient);
            assertThat(replay.next(e -> e.data().contains(northPatient), Duration.ofSeconds(2))).isNull();
        }
    }

    private SseClient connect() {
        return connect(null);
    }

    private SseClient connect(String lastEventId) {
        try {
            return new SseClient(stream, lastEventId).awaitConnected(WAIT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
