package clinic.bfrguard.session.api;

import clinic.bfrguard.session.support.Patients;
import clinic.bfrguard.testing.ClinicTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * One session holds at most {@code clinic.session.max-sets} sets (3 here, 200 by default): the set after the cap is
 * refused with 409 and not stored, while the session still takes symptom reports and can be completed. The same clinic
 * has its own exercise catalogue, which replaces the default one.
 */
@QuarkusTest
@TestProfile(SetLimitTest.ThreeSetsAndItsOwnExercises.class)
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
@TestSecurity(user = "physio-sets", roles = "physiotherapist")
class SetLimitTest {

    public static class ThreeSetsAndItsOwnExercises implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clinic.session.max-sets", "3",
                    "clinic.exercises", "BICEPS_CURL,LATERAL_RAISE,SHOULDER_PRESS,ROW,STEP_UP");
        }
    }

    private static ValidatableResponse post(String path, Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    private static ValidatableResponse logSet(String session, String exercise) {
        return post("/api/sessions/" + session + "/sets",
                Map.of("exercise", exercise, "limb", "RIGHT_ARM", "loadPercentOneRm", 30, "reps", 15));
    }

    @Test
    void theSetAfterTheCapIsRefusedAndNotStored() {
        String session = post("/api/sessions", Map.of("patientId", Patients.cleared())).statusCode(201)
                .extract().path("id");
        logSet(session, "BICEPS_CURL").statusCode(201);
        logSet(session, "BICEPS_CURL").statusCode(201);
        logSet(session, "LATERAL_RAISE").statusCode(201).body("setNumber", equalTo(1));

        logSet(session, "ROW").statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", equalTo("The session already holds 3 sets, the most one session may record (3);"
                        + " this set was not logged"));
        given().when().get("/api/sessions/" + session).then().statusCode(200)
                .body("sets.exercise", equalTo(List.of("BICEPS_CURL", "BICEPS_CURL", "LATERAL_RAISE")));

        post("/api/sessions/" + session + "/symptoms", Map.of("symptom", "PAIN")).statusCode(201);
        post("/api/sessions/" + session + "/complete", Map.of()).statusCode(200).body("status", equalTo("COMPLETED"));
    }

    @Test
    void theCapIsPerSession() {
        for (int session = 0; session < 2; session++) {
            String id = post("/api/sessions", Map.of("patientId", Patients.cleared())).statusCode(201)
                    .extract().path("id");
            for (int set = 0; set < 3; set++) {
                logSet(id, "SHOULDER_PRESS").statusCode(201);
            }
            logSet(id, "SHOULDER_PRESS").statusCode(409);
        }
    }

    @Test
    void aClinicsOwnCatalogueReplacesTheDefault() {
        given().when().get("/api/exercises").then().statusCode(200)
                .body("code", equalTo(List.of("BICEPS_CURL", "LATERAL_RAISE", "SHOULDER_PRESS", "ROW", "STEP_UP")))
                .body("[4].label", equalTo("Step up"));
        String session = post("/api/sessions", Map.of("patientId", Patients.cleared())).statusCode(201)
                .extract().path("id");
        logSet(session, "STEP_UP").statusCode(201);
        logSet(session, "LEG_PRESS").statusCode(400).body("errors[0].field", equalTo("exercise"));
    }
}
