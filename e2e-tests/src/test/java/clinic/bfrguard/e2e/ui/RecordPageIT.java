package clinic.bfrguard.e2e.ui;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Media;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patient's record in a real browser: screenings, sessions with what was logged on them, the alerts and who
 * handled them, progress charts drawn from the patient's data, and a session's report laid out for print and PDF.
 */
class RecordPageIT extends BrowserTest {

    @Test
    void theRecordShowsThePatientsHistoryWithChartsAndASessionsReportPrints() {
        String patient = ConsolePages.newPatient();
        // two sessions of Leg press, the second heavier than the guidance (a deviation, and an alert)
        String first = ConsolePages.sessionOfClearedPatient(patient);
        String band = ConsolePages.as("physio1", "session-service")
                .body(Map.of("limb", "LEFT_THIGH", "perceivedPressure", 6))
                .post("/api/sessions/" + first + "/bands").then().statusCode(201).extract().path("bandId");
        set(first, 30);
        set(first, 35);
        ConsolePages.as("physio1", "session-service").post("/api/sessions/" + first + "/bands/" + band + "/release")
                .then().statusCode(200);
        ConsolePages.as("physio1", "session-service").post("/api/sessions/" + first + "/complete").then()
                .statusCode(200);
        String second = ConsolePages.as("physio1", "session-service").body(Map.of("patientId", patient))
                .post("/api/sessions").then().statusCode(201).extract().path("id");
        set(second, 45);
        ConsolePages.as("physio1", "session-service")
                .body(Map.of("symptom", "TINGLING", "note", "toes, after the third set"))
                .post("/api/sessions/" + second + "/symptoms").then().statusCode(201);
        ConsolePages.as("physio1", "session-service").post("/api/sessions/" + second + "/complete").then()
                .statusCode(200);
        String deviationAlert = awaitAlert(patient, "GUIDELINE_DEVIATION");
        ConsolePages.as("clinician1", "alert-service").post("/api/alerts/" + deviationAlert + "/acknowledge").then()
                .statusCode(200);

        try (BrowserContext clinician = browsers.newContext(); BrowserContext physio = browsers.newContext()) {
            Page page = Browsers.logIn(clinician, "/record.html?patient=" + patient, "clinician1");
            assertThat(page.locator("#record-title")).hasText("Patient record · " + patient);
            assertThat(page.getByTestId("screenings-table").locator("tbody tr")).hasCount(1);
            assertThat(page.getByTestId("screenings-table")).containsText("Cleared");
            Locator sessions = page.getByTestId("session-record");
            assertThat(sessions).hasCount(2);
            // newest first: the second session, with its deviation, symptom note and the acknowledged alert
            assertThat(sessions.first().getByTestId("sets-table")).containsText("Leg press");
            assertThat(sessions.first().getByTestId("deviations")).containsText("45");
            assertThat(sessions.first().getByTestId("symptoms")).containsText("Tingling");
            assertThat(sessions.first().getByTestId("symptoms")).containsText("toes, after the third set");
            assertThat(sessions.first().getByTestId("session-alerts")).containsText("acknowledged by clinician1");
            assertThat(sessions.nth(1).getByTestId("bands-table")).containsText("Left upper thigh");

            // the charts are drawn from this patient's data: one line (Leg press) over two sessions, one week
            Locator load = page.getByTestId("chart-load");
            assertThat(load).hasAttribute("data-series", "1");
            assertThat(load.locator("canvas")).hasCount(1);
            assertThat(load).hasAttribute("aria-label", Pattern.compile(".*Leg press.*35.*45.*|.*Leg press.*45.*35.*"));
            assertThat(page.getByTestId("chart-minutes")).hasAttribute("data-weeks", "1");
            Browsers.screenshot(page, "record");

            // a session's report: that session only, and on paper no navigation or buttons
            sessions.first().getByTestId("report-link").click();
            assertThat(page).hasURL(Pattern.compile(".*report=" + second));
            assertThat(page.locator("#record-title")).hasText("Session report · patient " + patient);
            assertThat(page.getByTestId("session-record")).hasCount(1);
            assertThat(page.locator("#report-meta")).containsText("physiotherapist physio1");
            assertThat(page.locator("#progress")).isHidden();
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
            assertThat(page.locator("header.top")).isHidden();
            assertThat(page.locator("#print")).isHidden();
            assertThat(page.getByTestId("session-alerts")).isVisible();
            Browsers.screenshot(page, "report");
            byte[] pdf = page.pdf();
            assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

            // a physiotherapist reads the same record without the alerts, which are the clinicians'
            Page physioPage = Browsers.logIn(physio, "/record.html?patient=" + patient, "physio1");
            assertThat(physioPage.getByTestId("session-record")).hasCount(2);
            assertThat(physioPage.getByTestId("session-record").first()).containsText("Alerts are on the clinicians' record");
        }
    }

    private static void set(String session, int load) {
        ConsolePages.as("physio1", "session-service").body(Map.of("exercise", "LEG_PRESS", "limb", "LEFT_THIGH",
                "loadPercentOneRm", load, "reps", 15)).post("/api/sessions/" + session + "/sets").then()
                .statusCode(201);
    }

    private static String awaitAlert(String patient, String type) {
        return Awaitility.await("the " + type + " alert of " + patient).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    JsonPath alerts = ConsolePages.as("clinician1", "alert-service").queryParam("patientId", patient)
                            .get("/api/alerts").then().statusCode(200).extract().jsonPath();
                    List<String> ids = alerts.getList("findAll { it.type == '" + type + "' }.id");
                    return ids.isEmpty() ? null : ids.get(0);
                }, id -> id != null);
    }
}
