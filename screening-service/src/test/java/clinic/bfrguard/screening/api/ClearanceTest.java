package clinic.bfrguard.screening.api;

import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.TopicRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static clinic.bfrguard.screening.api.TestScreenings.TOPIC;
import static clinic.bfrguard.screening.api.TestScreenings.newPatient;
import static clinic.bfrguard.testing.TestUsers.as;
import static clinic.bfrguard.screening.api.TestScreenings.post;
import static clinic.bfrguard.screening.api.TestScreenings.postByPhysio;
import static clinic.bfrguard.screening.api.TestScreenings.screening;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Clearances as clinicians give them: each screening here is recorded by somebody else than the one who clears it. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "screening"))
class ClearanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    void clinicianClearsAReviewAndThePatientMayTrain() throws Exception {
        String patient = newPatient();
        String id = postByPhysio(screening(patient, 120, 80, "\"DIABETES\", \"AGE_OVER_60\""));
        given().when().get("/api/patients/" + patient + "/eligibility")
                .then().body("status", equalTo("REVIEW_PENDING")).body("eligible", equalTo(false));

        given().contentType(ContentType.JSON).body("{\"note\": \"Diabetes well controlled, HbA1c 6.1\"}")
                .when().post("/api/screenings/" + id + "/clearance")
                .then().statusCode(200)
                .body("clearance.clearedBy", equalTo("clinician1"))
                .body("clearance.clearedAt", notNullValue())
                .body("clearance.note", equalTo("Diabetes well controlled, HbA1c 6.1"));

        given().when().get("/api/patients/" + patient + "/eligibility")
                .then().body("status", equalTo("ELIGIBLE")).body("eligible", equalTo(true));

        List<ConsumerRecord<String, String>> records = TopicRecords.withKey(TOPIC, patient, 2);
        assertThat(records).extracting(r -> JSON.readTree(r.value()).get("type").asText())
                .containsExactly("ScreeningCompleted", "ClearanceGranted");
        JsonNode clearance = JSON.readTree(records.get(1).value()).get("data");
        assertThat(clearance.get("screeningId").asText()).isEqualTo(id);
        assertThat(clearance.get("clearedBy").asText()).isEqualTo("clinician1");
        assertThat(clearance.has("note")).as("free text stays in the screening-service").isFalse();
    }

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    void secondClearanceIsAConflict() {
        String id = postByPhysio(screening(newPatient(), 120, 80, "\"DIABETES\""));
        given().contentType(ContentType.JSON).body("{\"note\": \"ok\"}")
                .when().post("/api/screenings/" + id + "/clearance").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"note\": \"again\"}")
                .when().post("/api/screenings/" + id + "/clearance")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already cleared by clinician1"));
    }

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    void onlyReviewRequiredCanBeCleared() {
        String contraindicated = postByPhysio(screening(newPatient(), 120, 80, "\"CLOTTING_DISORDER\""));
        given().contentType(ContentType.JSON).body("{\"note\": \"ok\"}")
                .when().post("/api/screenings/" + contraindicated + "/clearance")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("CONTRAINDICATED"));
        String cleared = postByPhysio(screening(newPatient(), 120, 80, ""));
        given().contentType(ContentType.JSON).body("{\"note\": \"ok\"}")
                .when().post("/api/screenings/" + cleared + "/clearance")
                .then().statusCode(409);
    }

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    void clearanceNeedsANote() {
        String id = postByPhysio(screening(newPatient(), 120, 80, "\"DIABETES\""));
        given().contentType(ContentType.JSON).body("{\"note\": \"  \"}")
                .when().post("/api/screenings/" + id + "/clearance")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("note"));
    }

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    void theClinicianWhoRecordedAScreeningDoesNotClearItAnotherClinicianDoes() throws Exception {
        String patient = newPatient();
        String id = post(screening(patient, 120, 80, "\"DIABETES\""));

        given().contentType(ContentType.JSON).body("{\"note\": \"my own screening\"}")
                .when().post("/api/screenings/" + id + "/clearance")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("recorded a screening does not clear it; another clinician must"));
        given().when().get("/api/patients/" + patient + "/eligibility")
                .then().body("status", equalTo("REVIEW_PENDING"));

        as("clinician2", "clinician", () -> given().contentType(ContentType.JSON)
                .body("{\"note\": \"second opinion\"}")
                .when().post("/api/screenings/" + id + "/clearance")
                .then().statusCode(200)
                .body("screenedBy", equalTo("clinician1"))
                .body("clearance.clearedBy", equalTo("clinician2")));
        given().when().get("/api/patients/" + patient + "/eligibility")
                .then().body("status", equalTo("ELIGIBLE"));

        List<ConsumerRecord<String, String>> records = TopicRecords.withKey(TOPIC, patient, 2);
        assertThat(records).extracting(r -> JSON.readTree(r.value()).get("type").asText())
                .as("the refused self-clearance published nothing")
                .containsExactly("ScreeningCompleted", "ClearanceGranted");
        assertThat(JSON.readTree(records.get(1).value()).get("data").get("clearedBy").asText()).isEqualTo("clinician2");
    }
}
