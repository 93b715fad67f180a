package clinic.bfrguard.screening.api;

import clinic.bfrguard.testing.ClinicTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static clinic.bfrguard.screening.api.TestScreenings.newPatient;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "screening"))
@TestSecurity(user = "physio1", roles = "physiotherapist")
class BadInputTest {

    private void refused(String patient, String body, int status, String field, String detail) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/screenings")
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", equalTo("Invalid request"))
                .body("detail", containsString(detail))
                .body(field == null ? "status" : "errors[0].field", field == null ? equalTo(status) : equalTo(field));
        given().when().get("/api/patients/" + patient + "/eligibility")
                .then().statusCode(200).body("status", equalTo("NO_SCREENING"));
    }

    @Test
    void unknownConditionCodeIsRejectedNotIgnored() {
        String p = newPatient();
        refused(p, """
                {"patientId": "%s", "systolic": 120, "diastolic": 80, "conditions": ["HISTORY_OF_THROMBOSIS", "BAD_KNEES"]}
                """.formatted(p), 400, "conditions[1]", "'BAD_KNEES' is not one of");
    }

    @Test
    void limbCodeIsNotACondition() {
        String p = newPatient();
        refused(p, """
                {"patientId": "%s", "systolic": 120, "diastolic": 80, "conditions": ["LIMB_FRACTURE"]}
                """.formatted(p), 400, "conditions[0]", "LIMB_FRACTURE");
    }

    @Test
    void unknownLimbIsRejected() {
        String p = newPatient();
        refused(p, """
                {"patientId": "%s", "systolic": 120, "diastolic": 80, "conditions": [],
                 "limbRestrictions": [{"code": "LIMB_FRACTURE", "limb": "LEFT_CALF"}]}
                """.formatted(p), 400, "limbRestrictions[0].limb", "'LEFT_CALF' is not one of");
    }

    @ParameterizedTest(name = "systolic {0}, diastolic {1}")
    @CsvSource({"39, 30, systolic", "301, 80, systolic", "120, 19, diastolic", "120, 201, diastolic"})
    void impossibleBloodPressureIsRejected(int systolic, int diastolic, String field) {
        String p = newPatient();
        refused(p, """
                {"patientId": "%s", "systolic": %d, "diastolic": %d, "conditions": []}
                """.formatted(p, systolic, diastolic), 400, field, "must be between");
    }

    @Test
    void missingBloodPressureIsRejected() {
        String p = newPatient();
        refused(p, """
                {"patientId": "%s", "diastolic": 80, "conditions": []}
                """.formatted(p), 400, "systolic", "must not be null");
    }

    @Test
    void systolicMustExceedDiastolic() {
        given().contentType(ContentType.JSON)
                .body("{\"patientId\": \"%s\", \"systolic\": 80, \"diastolic\": 90, \"conditions\": []}"
                        .formatted(newPatient()))
                .when().post("/api/screenings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("must be higher than diastolic"));
    }

    @Test
    void missingChecklistIsRejected() {
        String p = newPatient();
        refused(p, """
                {"patientId": "%s", "systolic": 120, "diastolic": 80}
                """.formatted(p), 400, "conditions", "must be present");
    }

    @Test
    void textWhereANumberBelongs() {
        String p = newPatient();
        refused(p, """
                {"patientId": "%s", "systolic": "high", "diastolic": 80, "conditions": []}
                """.formatted(p), 400, "systolic", "expected a number");
    }

    @ParameterizedTest
    @CsvSource({"'has space'", "'../../etc/passwd'", "''", "'this-patient-id-is-far-too-long-to-be-a-real-identifier-in-this-clinic'"})
    void malformedPatientIdIsRejected(String patientId) {
        given().contentType(ContentType.JSON)
                .body("{\"patientId\": \"%s\", \"systolic\": 120, \"diastolic\": 80, \"conditions\": []}"
                        .formatted(patientId))
                .when().post("/api/screenings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("patientId"));
    }

    @Test
    void malformedJsonIsRejected() {
        given().contentType(ContentType.JSON).body("{\"patientId\": \"P-1\", \"systolic\": 12")
                .when().post("/api/screenings")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void emptyBodyIsRejected() {
        given().contentType(ContentType.JSON)
                .when().post("/api/screenings")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void oversizedBodyIsRejected() {
        String notes = "x".repeat(70_000);
        given().contentType(ContentType.JSON)
                .body("{\"patientId\": \"P-1\", \"systolic\": 120, \"diastolic\": 80, \"conditions\": [], \"notes\": \"" + notes + "\"}")
                .when().post("/api/screenings")
                .then().statusCode(413);
    }

    @Test
    void unknownScreeningIsNotFound() {
        given().when().get("/api/screenings/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("does not exist"));
        given().when().get("/api/screenings/not-a-uuid")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    void clearingAnUnknownScreeningIsNotFound() {
        given().contentType(ContentType.JSON).body("{\"note\": \"ok\"}")
                .when().post("/api/screenings/" + UUID.randomUUID() + "/clearance")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void malformedPatientIdInPathIsRejected() {
        given().when().get("/api/patients/bad id!/eligibility")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }
}
