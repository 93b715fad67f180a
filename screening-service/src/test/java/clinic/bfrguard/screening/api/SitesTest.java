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
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static clinic.bfrguard.screening.api.TestScreenings.TOPIC;
import static clinic.bfrguard.screening.api.TestScreenings.newPatient;
import static clinic.bfrguard.screening.api.TestScreenings.screening;
import static clinic.bfrguard.testing.TestUsers.at;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** A screening belongs to a site; a user sees and changes only the screenings of their own sites. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "screening"))
class SitesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NORTH = List.of("north");
    private static final List<String> SOUTH = List.of("south");

    private static String withSite(String body, String site) {
        return body.replaceFirst("\\{", "{\"site\": \"" + site + "\", ");
    }

    private static String screenAtNorth(String body) {
        return at(NORTH, "physio1", "physiotherapist", () -> TestScreenings.post(body));
    }

    @Test
    void aUserOfOneSiteScreensAtItWithoutNamingIt() throws Exception {
        String patient = newPatient();
        String id = at(NORTH, "physio1", "physiotherapist", () -> given().contentType(ContentType.JSON)
                .body(screening(patient, 120, 80, ""))
                .when().post("/api/screenings")
                .then().statusCode(201).body("site", equalTo("north"))
                .extract().path("id"));

        JsonNode data = JSON.readTree(TopicRecords.withKey(TOPIC, patient, 1).get(0).value()).get("data");
        assertThat(data.get("site").asText()).as("the event carries the patient's site").isEqualTo("north");
        assertThat(data.get("screeningId").asText()).isEqualTo(id);
    }

    @Test
    void aUserOfSeveralSitesNamesTheSite() {
        String patient = newPatient();
        at(List.of("north", "south"), "physio9", "physiotherapist", () -> {
            given().contentType(ContentType.JSON).body(screening(patient, 120, 80, ""))
                    .when().post("/api/screenings")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("site: required"));
            given().contentType(ContentType.JSON).body(withSite(screening(patient, 120, 80, ""), "south"))
                    .when().post("/api/screenings")
                    .then().statusCode(201).body("site", equalTo("south"));
        });
    }

    @Test
    void aScreeningAtASiteTheUserDoesNotBelongToIsForbidden() {
        String patient = newPatient();
        at(NORTH, "physio1", "physiotherapist", () -> given().contentType(ContentType.JSON)
                .body(withSite(screening(patient, 120, 80, ""), "south"))
                .when().post("/api/screenings")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("you do not belong to site south")));
        at(NORTH, "physio1", "physiotherapist", () -> given().contentType(ContentType.JSON)
                .body(withSite(screening(patient, 120, 80, ""), "South Wing"))
                .when().post("/api/screenings")
                .then().statusCode(400).body("detail", containsString("site")));
        at(NORTH, "physio1", "physiotherapist", () -> given()
                .when().get("/api/patients/" + patient + "/eligibility")
                .then().statusCode(200).body("status", equalTo("NO_SCREENING")));
    }

    @Test
    void anotherSitesScreeningAnswersAsAnUnknownOne() {
        String patient = newPatient();
        String id = screenAtNorth(screening(patient, 120, 80, "\"DIABETES\""));
        String unknown = UUID.randomUUID().toString();

        at(SOUTH, "physio2", "physiotherapist", () -> {
            given().when().get("/api/screenings/" + id)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("detail", equalTo("Screening " + id + " does not exist"));
            given().when().get("/api/screenings/" + unknown)
                    .then().statusCode(404).body("detail", equalTo("Screening " + unknown + " does not exist"));
            given().when().get("/api/patients/" + patient + "/eligibility")
                    .then().statusCode(200).body("status", equalTo("NO_SCREENING")).body("eligible", equalTo(false));
        });
        at(SOUTH, "clinician3", "clinician", () -> given().contentType(ContentType.JSON)
                .body("{\"note\": \"seen\"}")
                .when().post("/api/screenings/" + id + "/clearance")
                .then().statusCode(404).body("detail", equalTo("Screening " + id + " does not exist")));

        at(NORTH, "physio1", "physiotherapist", () -> {
            given().when().get("/api/screenings/" + id).then().statusCode(200).body("site", equalTo("north"));
            given().when().get("/api/patients/" + patient + "/eligibility")
                    .then().body("status", equalTo("REVIEW_PENDING"));
        });
        at(NORTH, "clinician1", "clinician", () -> given().contentType(ContentType.JSON)
                .body("{\"note\": \"seen\"}")
                .when().post("/api/screenings/" + id + "/clearance")
                .then().statusCode(200));
    }

    @Test
    void aPatientWhoMovesIsScreenedAgainAndTheStandingContraindicationHoldsWithoutItsRecorder() {
        String patient = newPatient();
        screenAtNorth(screening(patient, 120, 80, "\"HISTORY_OF_THROMBOSIS\""));

        ValidatableResponse moved = at(SOUTH, "physio2", "physiotherapist", () -> given()
                .contentType(ContentType.JSON).body(screening(patient, 118, 76, ""))
                .when().post("/api/screenings")
                .then().statusCode(201));
        moved.body("site", equalTo("south"))
                .body("outcome", equalTo("REVIEW_REQUIRED"))
                .body("reasons[0].code", equalTo("PREVIOUS_SCREENING"))
                .body("reasons[0].message", containsString("another site: CONTRAINDICATED since"))
                .body("reasons[0].message", not(containsString("physio1")));

        at(NORTH, "physio1", "physiotherapist", () -> given()
                .when().get("/api/patients/" + patient + "/eligibility")
                .then().body("status", equalTo("NO_SCREENING")));
        at(SOUTH, "physio2", "physiotherapist", () -> given()
                .when().get("/api/patients/" + patient + "/eligibility")
                .then().body("status", equalTo("REVIEW_PENDING")));
    }

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void aTokenWithoutSitesBelongsToTheDefaultSite() {
        given().contentType(ContentType.JSON).body(screening(newPatient(), 120, 80, ""))
                .when().post("/api/screenings")
                .then().statusCode(201).body("site", equalTo("main"));
    }
}
