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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static clinic.bfrguard.screening.api.TestScreenings.TOPIC;
import static clinic.bfrguard.screening.api.TestScreenings.newPatient;
import static clinic.bfrguard.screening.api.TestScreenings.post;
import static clinic.bfrguard.screening.api.TestScreenings.screening;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "screening"))
class ScreeningResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void contraindicatedScreeningIsStoredAndPublishedOnce() throws Exception {
        String patient = newPatient();
        String id = given().contentType(ContentType.JSON)
                .body(screening(patient, 120, 80, "\"HISTORY_OF_THROMBOSIS\""))
                .when().post("/api/screenings")
                .then().statusCode(201)
                .header("Location", containsString("/api/screenings/"))
                .body("outcome", equalTo("CONTRAINDICATED"))
                .body("totalPoints", equalTo(5))
                .body("reasons.code", contains("HISTORY_OF_THROMBOSIS"))
                .body("reasons[0].message", startsWith("History of thrombosis"))
                .body("limbRestrictions[0].limb", equalTo("LEFT_ARM"))
                .body("screenedBy", equalTo("physio1"))
                .body("validUntil", notNullValue())
                .extract().path("id");

        given().when().get("/api/screenings/" + id)
                .then().statusCode(200)
                .body("patientId", equalTo(patient))
                .body("outcome", equalTo("CONTRAINDICATED"));
        given().when().get("/api/patients/" + patient + "/eligibility")
                .then().statusCode(200)
                .body("eligible", equalTo(false))
                .body("status", equalTo("CONTRAINDICATED"))
                .body("screeningId", equalTo(id));

        List<ConsumerRecord<String, String>> records = TopicRecords.withKey(TOPIC, patient, 1);
        assertThat(records).hasSize(1);
        JsonNode event = JSON.readTree(records.get(0).value());
        assertThat(UUID.fromString(event.get("id").asText())).isNotNull();
        assertThat(event.get("type").asText()).isEqualTo("ScreeningCompleted");
        assertThat(event.get("source").asText()).isEqualTo("screening-service");
        assertThat(Instant.parse(event.get("time").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(event.get("patientId").asText()).isEqualTo(patient);
        JsonNode data = event.get("data");
        assertThat(data.get("screeningId").asText()).isEqualTo(id);
        assertThat(data.get("outcome").asText()).isEqualTo("CONTRAINDICATED");
        assertThat(data.get("totalPoints").asInt()).isEqualTo(5);
        assertThat(data.get("reasons").get(0).get("code").asText()).isEqualTo("HISTORY_OF_THROMBOSIS");
        assertThat(data.get("limbRestrictions").get(0).get("code").asText()).isEqualTo("LIMB_DIALYSIS_ACCESS");
        assertThat(Instant.parse(data.get("validUntil").asText())).isAfter(Instant.now().plus(Duration.ofDays(89)));
    }

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void measuredBloodPressureIsScoredByTheService() {
        given().contentType(ContentType.JSON).body(screening(newPatient(), 170, 85, ""))
                .when().post("/api/screenings")
                .then().statusCode(201)
                .body("outcome", equalTo("REVIEW_REQUIRED"))
                .body("totalPoints", equalTo(3))
                .body("reasons.code", contains("ELEVATED_BLOOD_PRESSURE"))
                .body("reasons[0].message", containsString("measured 170/85 mmHg"));
    }

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void clearedScreeningMakesThePatientEligible() {
        String patient = newPatient();
        post(screening(patient, 118, 76, ""));
        given().when().get("/api/patients/" + patient + "/eligibility")
                .then().statusCode(200)
                .body("eligible", equalTo(true))
                .body("status", equalTo("ELIGIBLE"))
                .body("limbRestrictions[0].code", equalTo("LIMB_DIALYSIS_ACCESS"));
    }

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void unscreenedPatientIsNotEligible() {
        given().when().get("/api/patients/" + newPatient() + "/eligibility")
                .then().statusCode(200)
                .body("eligible", equalTo(false))
                .body("status", equalTo("NO_SCREENING"));
    }

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void physiotherapistCannotClear() {
        String id = post(screening(newPatient(), 120, 80, "\"DIABETES\""));
        given().contentType(ContentType.JSON).body("{\"note\": \"ok\"}")
                .when().post("/api/screenings/" + id + "/clearance")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "clinic-it", roles = "clinic-admin")
    void clinicAdminCannotScreen() {
        given().contentType(ContentType.JSON).body(screening(newPatient(), 120, 80, ""))
                .when().post("/api/screenings")
                .then().statusCode(403);
    }

    @Test
    void anonymousIsUnauthorized() {
        given().contentType(ContentType.JSON).body(screening(newPatient(), 120, 80, ""))
                .when().post("/api/screenings")
                .then().statusCode(401);
        given().when().get("/api/patients/P-1/eligibility").then().statusCode(401);
    }

    @Test
    void openEndpointsNeedNoToken() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/screenings"));
    }
}
