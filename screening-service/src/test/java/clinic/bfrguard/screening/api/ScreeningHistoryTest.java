package clinic.bfrguard.screening.api;

import clinic.bfrguard.testing.ClinicTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static clinic.bfrguard.screening.api.TestScreenings.newPatient;
import static clinic.bfrguard.screening.api.TestScreenings.screening;
import static clinic.bfrguard.testing.TestUsers.at;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** {@code GET /api/patients/{patientId}/screenings}: the patient's screenings at the caller's sites, newest first. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "screening"))
class ScreeningHistoryTest {

    private static final List<String> NORTH = List.of("north");
    private static final List<String> SOUTH = List.of("south");

    private static String screenAt(List<String> sites, String body) {
        return at(sites, "physio1", "physiotherapist", () -> TestScreenings.post(body));
    }

    private static List<String> historyIds(List<String> sites, String patient) {
        return at(sites, "clinician1", "clinician", () -> given()
                .when().get("/api/patients/" + patient + "/screenings")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().getList("id", String.class));
    }

    @Test
    void theHistoryIsNewestFirstAndEachScreeningReadsAsItDoesAlone() {
        String patient = newPatient();
        String first = screenAt(NORTH, screening(patient, 120, 80, ""));
        String second = screenAt(NORTH, screening(patient, 150, 95, "\"DIABETES\""));
        String third = screenAt(NORTH, screening(patient, 118, 76, "\"AGE_OVER_60\""));

        at(NORTH, "physio1", "physiotherapist", () -> {
            List<Map<String, Object>> history = given()
                    .when().get("/api/patients/" + patient + "/screenings")
                    .then().statusCode(200)
                    .body("id", contains(third, second, first))
                    .body("patientId", contains(patient, patient, patient))
                    .body("site", contains("north", "north", "north"))
                    .body("systolic", contains(118, 150, 120))
                    .extract().jsonPath().getList("$");
            Map<String, Object> alone = given().when().get("/api/screenings/" + second)
                    .then().statusCode(200).extract().jsonPath().getMap("$");
            assertThat(history.get(1)).as("the same view as GET /api/screenings/{id}").isEqualTo(alone);

            given().when().get("/api/patients/" + patient + "/screenings?limit=2")
                    .then().statusCode(200).body("id", contains(third, second));
        });
    }

    @Test
    void eachSiteSeesOnlyItsOwnScreeningsOfThePatient() {
        String patient = newPatient();
        String north = screenAt(NORTH, screening(patient, 120, 80, ""));
        String unscreened = newPatient();

        assertThat(historyIds(SOUTH, patient)).as("another site's patient has no history there, not a 404").isEmpty();
        assertThat(historyIds(SOUTH, unscreened)).isEmpty();
        assertThat(historyIds(NORTH, patient)).containsExactly(north);

        // the patient moves and is screened again at the new site
        String south = at(SOUTH, "physio2", "physiotherapist", () -> TestScreenings.post(screening(patient, 122, 78,
                "")));
        assertThat(historyIds(SOUTH, patient)).containsExactly(south);
        assertThat(historyIds(NORTH, patient)).containsExactly(north);
        assertThat(historyIds(List.of("north", "south"), patient)).containsExactly(south, north);
    }

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void aBadPatientIdOrLimitIsAProblem() {
        given().when().get("/api/patients/bad id!/screenings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("detail", containsString("patientId"));
        given().when().get("/api/patients/" + "p".repeat(65) + "/screenings")
                .then().statusCode(400).contentType("application/problem+json");
        for (String limit : List.of("0", "501")) {
            given().when().get("/api/patients/" + newPatient() + "/screenings?limit=" + limit)
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void clinicAdminMayNotReadTheHistory() {
        given().when().get("/api/patients/" + newPatient() + "/screenings")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void withoutATokenTheHistoryIsRefused() {
        given().when().get("/api/patients/" + newPatient() + "/screenings")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
