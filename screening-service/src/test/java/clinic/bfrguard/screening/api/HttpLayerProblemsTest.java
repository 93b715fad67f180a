package clinic.bfrguard.screening.api;

import clinic.bfrguard.testing.ClinicTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static clinic.bfrguard.screening.api.TestScreenings.newPatient;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Refusals the HTTP layer makes before any resource runs are problem+json like all others. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "screening"))
class HttpLayerProblemsTest {

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void bodyOverTheLimitIsAProblemAndStoresNothing() {
        String patient = newPatient();
        String body = "{\"patientId\":\"" + patient + "\",\"systolic\":120,\"diastolic\":80,\"conditions\":[],"
                + "\"notes\":\"" + "x".repeat(70 * 1024) + "\"}";
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/screenings")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("title", notNullValue());
        given().when().get("/api/patients/" + patient + "/eligibility")
                .then().statusCode(200).body("status", equalTo("NO_SCREENING"));
    }

    @Test
    void noIdentityIsAnUnauthorizedProblem() {
        given().when().get("/api/patients/" + newPatient() + "/eligibility")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", notNullValue())
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"));
    }
}
