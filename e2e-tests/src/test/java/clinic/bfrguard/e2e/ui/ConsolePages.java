package clinic.bfrguard.e2e.ui;

import clinic.bfrguard.e2e.E2EStack;
import clinic.bfrguard.e2e.Tokens;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;

/**
 * What a physiotherapist does on the console's pages, step by step as on the tablet; and what the browser tests set
 * up through the APIs around them (contact points, the north rota, a paging alert).
 */
final class ConsolePages {

    private ConsolePages() {
    }

    static String newPatient() {
        return "UI-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Screens a patient with normal blood pressure and nothing on the checklist: CLEARED. */
    static void screenClearedPatient(Page page, String patientId) {
        page.getByLabel("Patient ID").fill(patientId);
        page.getByLabel("Systolic (mmHg)").fill("122");
        page.getByLabel("Diastolic (mmHg)").fill("78");
        page.getByText("Record screening").click();
        assertThat(page.getByTestId("outcome")).containsText("CLEARED");
        assertThat(page.getByTestId("outcome")).containsText("0 points");
    }

    /**
     * From the screening's outcome to a started session. The session-service learns of the screening from its event
     * a moment later; until then the console shows the refusal and the physiotherapist taps again.
     */
    static void startSession(Page page, String patientId) {
        page.getByText("Go to the session console").click();
        assertThat(page.getByTestId("eligibility")).containsText("Eligible");
        Locator session = page.locator("#session");
        for (int attempt = 0; attempt < 40 && !session.isVisible(); attempt++) {
            page.getByText("Start session").click();
            page.waitForCondition(() -> session.isVisible() || page.locator("#eligibility .problem").isVisible());
            if (!session.isVisible()) {
                page.waitForTimeout(500);
            }
        }
        assertThat(page.locator("#session-title")).containsText(patientId);
    }

    static void applyBand(Page page, String limb) {
        page.getByTestId("limb-" + limb).locator("button.apply").click();
        assertThat(page.getByTestId("countdown-" + limb)).hasText(java.util.regex.Pattern.compile("\\d\\d:\\d\\d"));
    }

    /** A call of a service's API as {@code user}, with a token of the real Keycloak. */
    static RequestSpecification as(String user, String service) {
        return given().baseUri(E2EStack.url(service)).auth().oauth2(Tokens.of(user))
                .contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static void contacts(String user, Map<String, ?> contacts) {
        as(user, "notification-service").body(contacts).put("/api/oncall/me/contacts").then().statusCode(200);
    }

    /** Gives {@code user} the demo e-mail address as contact point unless they have one: a rota may name only them. */
    static void reachableByEmail(String user) {
        String email = as(user, "notification-service").get("/api/oncall/me/contacts").then().statusCode(200)
                .extract().path("email");
        if (email == null) {
            contacts(user, Map.of("email", user + "@clinic.example"));
        }
    }

    /** The north rota of two weekly steps, no overrides, set by admin1. */
    static void northRota(String primary, String secondary) {
        as("admin1", "notification-service").body(Map.of("timeZone", "Europe/Madrid", "handoff", "08:00",
                        "rotationStart", "2026-01-05", "steps", List.of(
                                Map.of("name", "primary", "members", List.of(primary)),
                                Map.of("name", "secondary", "members", List.of(secondary))), "overrides", List.of()))
                .put("/api/oncall/north").then().statusCode(200);
    }

    /**
     * A session physio1 started for {@code patient}, screened CLEARED at north first, through the APIs. The
     * session-service learns of the screening from its event a moment later, so the start is retried. Returns the
     * session's id.
     */
    static String sessionOfClearedPatient(String patient) {
        as("physio1", "screening-service").body(Map.of("patientId", patient, "systolic", 122, "diastolic", 78,
                "conditions", List.of())).post("/api/screenings").then().statusCode(201);
        return Awaitility.await("a session for " + patient).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    var started = as("physio1", "session-service").body(Map.of("patientId", patient))
                            .post("/api/sessions");
                    return started.statusCode() == 201 ? started.jsonPath().getString("id") : null;
                }, id -> id != null);
    }

    /**
     * A CRITICAL alert at north, through the APIs as physio1 would raise it: a cleared patient, a session, numbness
     * reported. Returns the alert's id.
     */
    static String criticalAlertAtNorth(String patient) {
        String session = sessionOfClearedPatient(patient);
        as("physio1", "session-service").body(Map.of("symptom", "NUMBNESS"))
                .post("/api/sessions/" + session + "/symptoms").then().statusCode(201);
        return Awaitility.await("the ADVERSE_SYMPTOM alert of " + patient).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    JsonPath alerts = as("clinician1", "alert-service").queryParam("patientId", patient)
                            .get("/api/alerts").then().statusCode(200).extract().jsonPath();
                    List<String> ids = alerts.getList("findAll { it.type == 'ADVERSE_SYMPTOM' }.id");
                    return ids.isEmpty() ? null : ids.get(0);
                }, id -> id != null);
    }
}
