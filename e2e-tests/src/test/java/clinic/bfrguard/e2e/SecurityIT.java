package clinic.bfrguard.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static clinic.bfrguard.e2e.Api.as;
import static clinic.bfrguard.e2e.Api.newPatient;
import static clinic.bfrguard.e2e.Api.screen;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Who may do what, with tokens from the real Keycloak, and what happens to tokens that are not genuine. */
class SecurityIT {

    private static final List<String[]> PROTECTED = List.of(
            new String[] {"screening-service", "/api/patients/P-1/eligibility"},
            new String[] {"session-service", "/api/sessions?patientId=P-1"},
            new String[] {"alert-service", "/api/alerts"});

    @BeforeAll
    static void stack() {
        E2EStack.get();
    }

    @Test
    void physiotherapistCannotClearScreeningsOrAcknowledgeAlerts() {
        String screeningId = screen("physio1", newPatient(), "[\"DIABETES\"]")
                .then().statusCode(201).extract().path("id");
        as("physio1", "screening-service").body("{\"note\":\"ok\"}")
                .post("/api/screenings/" + screeningId + "/clearance")
                .then().statusCode(403);
        as("physio1", "alert-service").post("/api/alerts/" + UUID.randomUUID() + "/acknowledge")
                .then().statusCode(403);
        as("physio1", "alert-service").get("/api/alerts").then().statusCode(403);
    }

    @Test
    void clinicAdminCannotTouchPatientData() {
        screen("admin1", newPatient(), "[]").then().statusCode(403);
        as("admin1", "alert-service").get("/api/alerts").then().statusCode(403);
    }

    @Test
    void whoDidItComesFromTheToken() {
        screen("clinician1", newPatient(), "[]").then().statusCode(201).body("screenedBy", equalTo("clinician1"));
    }

    @Test
    void whoLookedAtAPatientIsOnRecordWithTheTokensSubject() {
        String patient = newPatient();
        String screeningId = screen("clinician1", patient, "[]").then().statusCode(201).extract().path("id");
        as("physio1", "screening-service").get("/api/screenings/" + screeningId).then().statusCode(200);
        as("physio1", "screening-service").get("/api/patients/" + patient + "/eligibility").then().statusCode(200);

        List<Map<String, Object>> reads = as("admin1", "screening-service").queryParam("target", patient)
                .queryParam("action", "READ").get("/api/audit").then().statusCode(200).extract().jsonPath()
                .getList("$");
        assertThat(reads).extracting(e -> e.get("targetType") + " by " + e.get("actor"))
                .containsExactly("eligibility by physio1", "screening by physio1");
        // the identity provider's subject: the same account for both reads, not the username
        assertThat(reads).extracting(e -> e.get("actorSubject")).doesNotContainNull().doesNotContain("physio1")
                .containsOnly(reads.get(0).get("actorSubject"));
        assertThat(reads.toString()).as("the entries name the records, never their content")
                .doesNotContain("systolic").doesNotContain("ELIGIBLE");
    }

    @Test
    void noTokenIsUnauthorized() {
        for (String[] endpoint : PROTECTED) {
            given().baseUri(E2EStack.url(endpoint[0])).get(endpoint[1]).then().statusCode(401);
        }
    }

    @Test
    void forgedAndForeignTokensAreUnauthorized() {
        String genuine = Tokens.of("physio1");
        List<String> bad = List.of(
                Tokens.tampered(genuine, "preferred_username", "clinician1"),
                Tokens.unsigned(genuine),
                Tokens.tampered(genuine, "aud", "another-api"),
                Tokens.foreignRealm(),
                Tokens.withoutAudience(),
                "not-a-token");
        for (String token : bad) {
            for (String[] endpoint : PROTECTED) {
                given().baseUri(E2EStack.url(endpoint[0])).auth().oauth2(token).accept(ContentType.JSON)
                        .get(endpoint[1])
                        .then().statusCode(401);
            }
        }
    }
}
