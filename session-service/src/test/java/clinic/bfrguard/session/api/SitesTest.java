package clinic.bfrguard.session.api;

import clinic.bfrguard.session.domain.Limb;
import clinic.bfrguard.session.support.Patients;
import clinic.bfrguard.session.support.SessionEventsOnTopic;
import clinic.bfrguard.testing.ClinicTestResources;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static clinic.bfrguard.testing.TestUsers.at;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** A session belongs to its patient's site; to a user of another site it does not exist. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
class SitesTest {

    private static final List<String> NORTH = List.of("north");
    private static final List<String> SOUTH = List.of("south");
    private static final String NOT_SCREENED = "The patient has not been screened; screen them before a BFR session";

    private static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    private static <T> T north(Supplier<T> steps) {
        return at(NORTH, "physio1", "physiotherapist", steps);
    }

    private static <T> T south(Supplier<T> steps) {
        return at(SOUTH, "physio2", "physiotherapist", steps);
    }

    @Test
    void aPatientOfAnotherSiteIsNotScreenedThere() {
        String patient = Patients.clearedAt("north");
        String unknown = Patients.fresh();

        south(() -> post("/api/sessions", Map.of("patientId", patient)).statusCode(409)
                .contentType("application/problem+json").body("detail", equalTo(NOT_SCREENED)));
        south(() -> post("/api/sessions", Map.of("patientId", unknown)).statusCode(409)
                .body("detail", equalTo(NOT_SCREENED)));
        north(() -> post("/api/sessions", Map.of("patientId", patient)).statusCode(201)
                .body("site", equalTo("north")));
    }

    @Test
    void anotherSitesSessionAnswersAsAnUnknownOneToEveryReadAndWrite() {
        String patient = Patients.clearedAt("north");
        String session = north(() -> post("/api/sessions", Map.of("patientId", patient)).statusCode(201)
                .extract().<String>path("id"));
        String band = north(() -> post("/api/sessions/" + session + "/bands",
                Map.of("limb", Limb.LEFT_THIGH.name(), "perceivedPressure", 6)).statusCode(201)
                .extract().<String>path("bandId"));
        String missing = "Session " + session + " does not exist";

        south(() -> {
            given().when().get("/api/sessions/" + session).then().statusCode(404)
                    .contentType("application/problem+json").body("detail", equalTo(missing));
            given().when().get("/api/sessions?patientId=" + patient).then().statusCode(200)
                    .body("size()", equalTo(0));
            given().when().get("/api/sessions?status=ACTIVE&limit=500").then().statusCode(200)
                    .body("id", not(hasItem(session)));
            post("/api/sessions/" + session + "/bands", Map.of("limb", Limb.RIGHT_THIGH.name(),
                    "perceivedPressure", 6)).statusCode(404).body("detail", equalTo(missing));
            post("/api/sessions/" + session + "/bands/" + band + "/release", Map.of()).statusCode(404)
                    .body("detail", equalTo(missing));
            post("/api/sessions/" + session + "/sets", Map.of("exercise", "LEG_PRESS", "limb", "LEFT_THIGH",
                    "loadPercentOneRm", 30, "reps", 15)).statusCode(404).body("detail", equalTo(missing));
            post("/api/sessions/" + session + "/symptoms", Map.of("symptom", "PAIN")).statusCode(404)
                    .body("detail", equalTo(missing));
            post("/api/sessions/" + session + "/complete", Map.of()).statusCode(404)
                    .body("detail", equalTo(missing));
            String other = UUID.randomUUID().toString();
            given().when().get("/api/sessions/" + other).then().statusCode(404)
                    .body("detail", equalTo("Session " + other + " does not exist"));
            return null;
        });

        north(() -> {
            given().when().get("/api/sessions/" + session).then().statusCode(200)
                    .body("site", equalTo("north")).body("bands[0].bandId", equalTo(band));
            given().when().get("/api/sessions?patientId=" + patient).then().body("id", hasItem(session));
            return post("/api/sessions/" + session + "/bands/" + band + "/release", Map.of()).statusCode(200);
        });
    }

    @Test
    void everyEventOfTheSessionCarriesItsSite() {
        String patient = Patients.clearedAt("south");
        south(() -> {
            String session = post("/api/sessions", Map.of("patientId", patient)).statusCode(201)
                    .extract().<String>path("id");
            String band = post("/api/sessions/" + session + "/bands",
                    Map.of("limb", Limb.LEFT_ARM.name(), "perceivedPressure", 9)).statusCode(201)
                    .extract().<String>path("bandId");
            post("/api/sessions/" + session + "/symptoms", Map.of("symptom", "TINGLING")).statusCode(201);
            post("/api/sessions/" + session + "/bands/" + band + "/release", Map.of()).statusCode(200);
            return post("/api/sessions/" + session + "/complete", Map.of()).statusCode(200);
        });

        List<JsonNode> events = SessionEventsOnTopic.of(patient, 6);
        assertThat(SessionEventsOnTopic.types(events)).containsExactlyInAnyOrder("SessionStarted", "BandApplied",
                "GuidelineDeviation", "SymptomReported", "BandReleased", "SessionCompleted");
        assertThat(events).allSatisfy(event -> assertThat(event.path("data").path("site").asText())
                .as(event.path("type").asText()).isEqualTo("south"));
    }
}
