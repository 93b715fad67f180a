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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Each user may make {@code clinic.ratelimit.writes-per-minute} writes in a row (5 here; one comes back every 12 s);
 * the next is answered 429 with {@code Retry-After}, while another user's writes and the limited user's symptom
 * reports and band releases are still accepted. The second test runs right after the first, while the first user's
 * allowance is still spent.
 */
@QuarkusTest
@TestProfile(WriteRateLimitTest.FiveWritesAMinute.class)
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WriteRateLimitTest {

    public static class FiveWritesAMinute implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clinic.ratelimit.writes-per-minute", "5");
        }
    }

    private static String startSession() {
        return given().contentType(ContentType.JSON).body(Map.of("patientId", Patients.cleared()))
                .when().post("/api/sessions").then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse logSet(String session) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("exercise", "LEG_PRESS", "limb", "LEFT_THIGH", "loadPercentOneRm", 30, "reps", 15))
                .when().post("/api/sessions/" + session + "/sets").then();
    }

    @Test
    @Order(1)
    @TestSecurity(user = "physio-fast", roles = "physiotherapist")
    void theWriteAfterTheAllowanceIsRefusedButSafetyWritesAreNot() {
        String session = startSession();
        String band = given().contentType(ContentType.JSON)
                .body(Map.of("limb", "LEFT_THIGH", "perceivedPressure", 6))
                .when().post("/api/sessions/" + session + "/bands").then().statusCode(201).extract().path("bandId");
        for (int i = 0; i < 3; i++) {
            logSet(session).statusCode(201);
        }

        String retryAfter = logSet(session).statusCode(429).contentType("application/problem+json")
                .body("status", equalTo(429)).body("title", equalTo("Too many requests"))
                .body("detail", containsString("more than 5 changes a minute"))
                .extract().header("Retry-After");
        assertThat(retryAfter).as("whole seconds until the next write").matches("[0-9]+");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 12);
        given().when().get("/api/sessions/" + session).then().statusCode(200).body("sets.size()", equalTo(3));

        given().contentType(ContentType.JSON).body(Map.of("symptom", "PAIN"))
                .when().post("/api/sessions/" + session + "/symptoms").then().statusCode(201);
        given().when().post("/api/sessions/" + session + "/bands/" + band + "/release").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("symptom", "DIZZINESS"))
                .when().post("/api/sessions/" + session + "/symptoms").then().statusCode(201);
        given().when().get("/api/sessions/" + session).then().statusCode(200).body("symptoms.size()", equalTo(2));
    }

    @Test
    @Order(2)
    @TestSecurity(user = "physio-steady", roles = "physiotherapist")
    void anotherUsersAllowanceIsUntouched() {
        String session = startSession();
        for (int i = 0; i < 4; i++) {
            logSet(session).statusCode(201);
        }
        logSet(session).statusCode(429);
    }
}
