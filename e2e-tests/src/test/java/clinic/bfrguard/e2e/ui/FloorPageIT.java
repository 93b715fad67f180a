package clinic.bfrguard.e2e.ui;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The floor in a real browser: what another tablet does to a session appears on an open floor page without a
 * reload, bands turn amber at the warning and red past the deadline and are announced, and the wall screen shows the
 * same without controls.
 */
class FloorPageIT extends BrowserTest {

    /** Live, not polled: generous for a busy machine; the time it took is printed. */
    private static final LocatorAssertions.IsVisibleOptions LIVE = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(2_000);

    @Test
    void aBandAppliedOnAnotherTabletAppearsOnTheOpenFloorAndLeavesItWhenReleased() {
        String patient = ConsolePages.newPatient();
        String session = ConsolePages.sessionOfClearedPatient(patient);
        try (BrowserContext physio = browsers.newContext(); BrowserContext wallScreen = browsers.newContext()) {
            Page page = Browsers.logIn(physio, "/floor.html", "physio1");
            Locator tile = page.locator("[data-testid=tile][data-patient='" + patient + "']");
            assertThat(tile).containsText("No band on");
            assertThat(tile).containsText("with physio1");
            assertThat(page.locator("#stream-state")).hasText("Live");

            // another tablet applies a band: the tile shows it, with its ring and time left
            long applied = System.nanoTime();
            String band = ConsolePages.as("physio1", "session-service")
                    .body(Map.of("limb", "LEFT_THIGH", "perceivedPressure", 6))
                    .post("/api/sessions/" + session + "/bands").then().statusCode(201).extract().path("bandId");
            Locator onThigh = tile.getByTestId("band-LEFT_THIGH");
            assertThat(onThigh).isVisible(LIVE);
            System.out.printf("FloorPageIT: a band applied through the API on the open floor after %d ms%n",
                    (System.nanoTime() - applied) / 1_000_000);
            assertThat(onThigh).containsText("Left upper thigh");
            assertThat(tile.getByTestId("left-LEFT_THIGH")).hasText(Pattern.compile("\\d+:\\d\\d left"));
            Browsers.screenshot(page, "floor");

            // the wall screen: the same floor, large, no navigation and nothing to press
            Page wall = Browsers.logIn(wallScreen, "/floor.html?wall", "physio1");
            Locator wallTile = wall.locator("[data-testid=tile][data-patient='" + patient + "']");
            assertThat(wallTile.getByTestId("band-LEFT_THIGH")).isVisible();
            assertThat(wall.locator("header.top")).hasCount(0);
            assertThat(wall.locator("#wall-link")).isHidden();
            assertThat(wallTile.locator("a")).hasCount(0);

            // amber at the warning, red past the deadline, and a screen reader hears both
            assertThat(onThigh).hasClass(Pattern.compile(".*\\bwarn\\b.*"));
            assertThat(page.getByTestId("announcer")).containsText("Left upper thigh of patient " + patient);
            assertThat(onThigh).hasClass(Pattern.compile(".*\\bover\\b.*"));
            assertThat(tile.getByTestId("left-LEFT_THIGH")).hasText(Pattern.compile("Over by \\d+:\\d\\d"));
            assertThat(page.getByTestId("announcer")).containsText("past its deadline");
            Browsers.screenshot(wall, "floor-wall");

            // released and completed on the other tablet: the band leaves the tile, then the tile the floor
            ConsolePages.as("physio1", "session-service")
                    .post("/api/sessions/" + session + "/bands/" + band + "/release").then().statusCode(200);
            assertThat(onThigh).hasCount(0);
            assertThat(tile).containsText("No band on");
            ConsolePages.as("physio1", "session-service")
                    .post("/api/sessions/" + session + "/complete").then().statusCode(200);
            assertThat(tile).hasCount(0);
            assertThat(wallTile).hasCount(0);

            // a tile opens its session on the session console
            String other = ConsolePages.newPatient();
            String next = ConsolePages.sessionOfClearedPatient(other);
            page.locator("[data-testid=tile][data-patient='" + other + "'] h2 a").click();
            assertThat(page.locator("#session-title")).containsText(other);
            assertThat(page).hasURL(Pattern.compile(".*session\\.html\\?session=" + next));
            ConsolePages.as("physio1", "session-service").post("/api/sessions/" + next + "/complete").then()
                    .statusCode(200);
        }
    }

    @Test
    void aCliniciansFloorShowsEachPatientsOpenAlertsLive() {
        String patient = ConsolePages.newPatient();
        try (BrowserContext clinician = browsers.newContext()) {
            Page page = Browsers.logIn(clinician, "/floor.html", "clinician1");
            assertThat(page.locator("#stream-state")).hasText("Live");
            // a session with numbness reported, through the APIs: a CRITICAL alert about the patient
            String alertId = ConsolePages.criticalAlertAtNorth(patient);
            Locator alerts = page.locator("[data-testid=tile][data-patient='" + patient + "'] [data-testid=tile-alerts]");
            assertThat(alerts).containsText("Critical · Adverse symptom");
            assertThat(alerts.locator("a")).hasAttribute("href", "board.html#alert=" + alertId);
            ConsolePages.as("clinician1", "alert-service").post("/api/alerts/" + alertId + "/acknowledge").then()
                    .statusCode(200);
            assertThat(alerts).containsText("(acknowledged)");
            ConsolePages.as("clinician1", "alert-service").body(Map.of("note", "Seen on the floor"))
                    .post("/api/alerts/" + alertId + "/resolve").then().statusCode(200);
            assertThat(alerts).hasCount(0);
        }
    }

    @Test
    void theFloorIsNotForAClinicAdmin() {
        try (BrowserContext admin = browsers.newContext()) {
            Page page = Browsers.logIn(admin, "/floor.html", "admin1");
            assertThat(page.getByTestId("not-allowed")).containsText("physiotherapists and clinicians");
        }
    }
}
