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
import static clinic.bfrguard.testing.TestUsers.as;
import static clinic.bfrguard.screening.api.TestScreenings.newPatient;
import static clinic.bfrguard.screening.api.TestScreenings.screening;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Filling in the form again does not lift a contraindication: the new screening waits for a clinician. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "screening"))
class RescreeningTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void aCleanScreeningAfterAContraindicationNeedsAClinician() throws Exception {
        String patient = newPatient();
        String screenedAt = given().contentType(ContentType.JSON)
                .body(screening(patient, 120, 80, "\"HISTORY_OF_THROMBOSIS\""))
                .when().post("/api/screenings")
                .then().statusCode(201).body("outcome", equalTo("CONTRAINDICATED"))
                .extract().path("screenedAt");

        String again = given().contentType(ContentType.JSON).body(screening(patient, 118, 76, ""))
                .when().post("/api/screenings")
                .then().statusCode(201)
                .body("outcome", equalTo("REVIEW_REQUIRED"))
                .body("totalPoints", equalTo(0))
                .body("reasons.code", contains("PREVIOUS_SCREENING"))
                .body("reasons[0].points", equalTo(0))
                .body("reasons[0].message", containsString("CONTRAINDICATED since " + screenedAt))
                .body("reasons[0].message", containsString("recorded by physio1"))
                .extract().path("id");
        given().when().get("/api/patients/" + patient + "/eligibility")
                .then().body("status", equalTo("REVIEW_PENDING")).body("screeningId", equalTo(again));

        List<ConsumerRecord<String, String>> records = TopicRecords.withKey(TOPIC, patient, 2);
        JsonNode completed = JSON.readTree(records.get(1).value()).get("data");
        assertThat(completed.get("outcome").asText()).as("the alert-service raises CLEARANCE_REQUIRED for it")
                .isEqualTo("REVIEW_REQUIRED");
        assertThat(completed.get("reasons").get(0).get("code").asText()).isEqualTo("PREVIOUS_SCREENING");

        as("clinician1", "clinician", () -> given().contentType(ContentType.JSON)
                .body("{\"note\": \"Thrombosis treated, anticoagulation ended\"}")
                .when().post("/api/screenings/" + again + "/clearance")
                .then().statusCode(200));
        given().when().get("/api/patients/" + patient + "/eligibility")
                .then().body("status", equalTo("ELIGIBLE"));
    }

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void aStricterScreeningDecidesOnItsOwnPoints() {
        String patient = newPatient();
        TestScreenings.post(screening(patient, 120, 80, "\"DIABETES\""));
        given().contentType(ContentType.JSON).body(screening(patient, 120, 80, "\"CLOTTING_DISORDER\""))
                .when().post("/api/screenings")
                .then().statusCode(201)
                .body("outcome", equalTo("CONTRAINDICATED"))
                .body("totalPoints", equalTo(5))
                .body("reasons.code", contains("CLOTTING_DISORDER"));
    }
}
