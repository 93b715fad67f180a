package clinic.bfrguard.session.api;

import clinic.bfrguard.session.support.Patients;
import clinic.bfrguard.testing.ClinicTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The catalogue the session page offers is the one the service checks every set against. The physiotherapist is this
 * test's own, so that its sets spend no other test's write allowance.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
@TestSecurity(user = "physio-catalogue", roles = "physiotherapist")
class ExerciseCatalogueTest {

    private static JsonPath catalogue() {
        return given().when().get("/api/exercises")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
    }

    private static String start() {
        return given().contentType(ContentType.JSON).body(Map.of("patientId", Patients.cleared()))
                .when().post("/api/sessions").then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse logSet(String session, String exercise) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("exercise", exercise, "limb", "LEFT_THIGH", "loadPercentOneRm", 30, "reps", 15))
                .when().post("/api/sessions/" + session + "/sets").then();
    }

    @Test
    void theClinicsExercisesInOrderEachWithItsLabel() {
        JsonPath catalogue = catalogue();

        assertThat(catalogue.getList("code", String.class)).containsExactly("LEG_PRESS", "KNEE_EXTENSION",
                "HAMSTRING_CURL", "SQUAT", "SPLIT_SQUAT", "CALF_RAISE", "HIP_ABDUCTION", "HIP_ADDUCTION", "BICEPS_CURL",
                "TRICEPS_EXTENSION", "BENCH_PRESS", "SHOULDER_PRESS", "LATERAL_RAISE", "ROW", "WALKING", "CYCLING");
        assertThat(catalogue.getList("label", String.class)).startsWith("Leg press", "Knee extension",
                "Hamstring curl").endsWith("Row", "Walking", "Cycling");
    }

    @Test
    void everyExerciseOfTheCatalogueCanBeLogged() {
        String session = start();
        List<String> codes = catalogue().getList("code", String.class);
        for (String code : codes) {
            logSet(session, code).statusCode(201).body("exercise", equalTo(code)).body("setNumber", equalTo(1));
        }
        given().when().get("/api/sessions/" + session).then().statusCode(200)
                .body("sets.exercise", equalTo(codes));
    }

    @Test
    void anExerciseOutsideTheCatalogueIsRefusedNamingTheFieldAndNothingIsStored() {
        String session = start();
        for (String exercise : List.of("STEP_UP", "leg press", "leg_press", "Leg press")) {
            logSet(session, exercise).statusCode(400).contentType("application/problem+json")
                    .body("errors", hasSize(1))
                    .body("errors[0].field", equalTo("exercise"))
                    .body("errors[0].message", containsString("must be one of the clinic's exercises"))
                    .body("errors[0].message", containsString("GET /api/exercises"))
                    .body("detail", containsString("LEG_PRESS, KNEE_EXTENSION"));
        }
        given().when().get("/api/sessions/" + session).then().statusCode(200).body("sets", hasSize(0));
    }

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    void cliniciansReadItToo() {
        assertThat(catalogue().getList("code")).hasSize(16);
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void otherRolesAreForbidden() {
        given().when().get("/api/exercises").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity
    void anonymousIsUnauthorized() {
        given().when().get("/api/exercises").then().statusCode(401);
    }
}
