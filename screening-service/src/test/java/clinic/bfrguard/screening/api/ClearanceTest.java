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
import static clinic.bfrguard.screening.api.TestScreenings.post;
import static clinic.bfrguard.screening.api.TestScreenings.screening;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "screening"))
class ClearanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    void clinicianClearsAReviewAndThePatientMayTrain() throws Exception {
        String patient = newPatient();
        String id = post(screening(patient, 120, 80, "\"DIABETES\", \"AGE_OVER_60\""));
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
        String id = post(screening(newPatient(), 120, 80, "\"DIABETES\""));
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
        String contraindicated = post(screening(newPatient(), 120, 80, "\"CLOTTING_DISORDER\""));
        given().contentType(ContentType.JSON).body("{\"note\": \"ok\"}")
                .when().post("/api/screenings/" + contraindicated + "/clearance")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("CONTRAINDICATED"));
        String cleared = post(screening(newPatient(), 120, 80, ""));
        given().contentType(ContentType.JSON).body("{\"note\": \"ok\"}")
                .when().post("/api/screenings/" + cleared + "/clearance")
                .then().statusCode(409);
    }

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    void clearanceNeedsANote() {
        String id = post(screening(newPatient(), 120, 80, "\"DIABETES\""));
        given().contentType(ContentType.JSON).body("{\"note\": \"  \"}")
                .when().post("/api/screenings/" + id + "/clearance")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("note"));
    }
}
