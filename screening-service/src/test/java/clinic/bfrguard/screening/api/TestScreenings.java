package clinic.bfrguard.screening.api;

import clinic.bfrguard.testing.TestUsers;
import io.restassured.http.ContentType;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Request bodies and calls the component tests share. */
public final class TestScreenings {

    public static final String TOPIC = "screening-events";

    private TestScreenings() {
    }

    /** A patient no other test uses, so their records on the shared topic are this test's alone. */
    public static String newPatient() {
        return "P-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A screening body; {@code conditions} is the inside of the JSON array, e.g. {@code "\"DIABETES\""}. */
    public static String screening(String patientId, int systolic, int diastolic, String conditions) {
        return """
                {"patientId": "%s", "systolic": %d, "diastolic": %d, "conditions": [%s],
                 "limbRestrictions": [{"code": "LIMB_DIALYSIS_ACCESS", "limb": "LEFT_ARM"}]}
                """.formatted(patientId, systolic, diastolic, conditions);
    }

    /** Posts a screening that must be accepted; returns its id. */
    public static String post(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/screenings")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** Posts a screening recorded by the physiotherapist physio1; returns its id. */
    public static String postByPhysio(String body) {
        return TestUsers.as("physio1", "physiotherapist", () -> post(body));
    }
}
