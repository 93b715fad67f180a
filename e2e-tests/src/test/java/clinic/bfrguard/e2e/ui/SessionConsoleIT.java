package clinic.bfrguard.e2e.ui;

import clinic.bfrguard.e2e.E2EStack;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The physiotherapist's way through the console in a real browser, logged in through the real Keycloak. */
class SessionConsoleIT extends BrowserTest {

    @Test
    void physiotherapistScreensStartsAndWatchesTheBandCountdown() {
        try (BrowserContext physio = browsers.newContext()) {
            Page page = Browsers.logIn(physio, "/screening.html", "physio1");
            String patient = ConsolePages.newPatient();
            ConsolePages.screenClearedPatient(page, patient);
            Browsers.screenshot(page, "screening");

            ConsolePages.startSession(page, patient);
            // the sessions running at the site, to switch between, this one among them
            assertThat(page.getByTestId("active-sessions").getByText(patient)).isVisible();
            assertThat(page.locator("#recent-patients option[value='" + patient + "']")).hasCount(1);
            ConsolePages.applyBand(page, "LEFT_THIGH");
            Locator countdown = page.getByTestId("countdown-LEFT_THIGH");
            String first = countdown.textContent();
            page.waitForTimeout(1_500);
            String later = countdown.textContent();
            assertThat(later).as("the countdown runs").isLessThan(first);
            assertThat(seconds(first)).isBetween(1, E2EStack.BAND_LIMIT_SECONDS);
            Browsers.screenshot(page, "session-console");

            // a reload shows the same time left: the countdown runs on the server's deadline, not a page timer
            page.reload();
            assertThat(page.getByTestId("countdown-LEFT_THIGH")).hasText(Pattern.compile("\\d\\d:\\d\\d|\\+\\d\\d:\\d\\d over"));
            assertThat(page.getByTestId("limb-LEFT_THIGH")).hasClass(Pattern.compile(".*\\bwarn\\b.*"));
            assertThat(page.getByTestId("announcer")).hasText("Left upper thigh: the band comes off soon.");
            Browsers.screenshot(page, "session-console-warning");
            assertThat(page.getByTestId("limb-LEFT_THIGH")).hasClass(Pattern.compile(".*\\bover\\b.*"));
            assertThat(page.getByTestId("countdown-LEFT_THIGH")).containsText("over");
            assertThat(page.getByTestId("announcer")).hasText("Left upper thigh: past the deadline, release the band.");
            Browsers.screenshot(page, "session-console-overrun");

            // a departure from the guidance is recorded and shown on the card; a refusal shows the server's reason
            page.getByTestId("limb-LEFT_ARM").locator("select").selectOption("9");
            page.getByTestId("limb-LEFT_ARM").locator("button.apply").click();
            assertThat(page.getByTestId("countdown-LEFT_ARM")).isVisible();
            assertThat(page.getByTestId("limb-LEFT_ARM").locator(".deviation")).containsText("Guideline deviation");
            page.getByText("Complete session").click();
            assertThat(page.locator("#complete-message .problem")).isVisible();

            // a set names an exercise of the service's catalogue: chosen by its label, shown by its label
            page.getByLabel("Exercise").selectOption(new SelectOption().setLabel("Leg press"));
            page.getByLabel("Load %1RM").fill("45");
            page.getByLabel("Reps").fill("15");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log set")).click();
            assertThat(page.locator("#sets td").nth(1)).hasText("Leg press");
            assertThat(page.locator("#sets .deviation")).containsText("Leg press at 45 % 1RM");

            page.getByTestId("limb-LEFT_THIGH").locator("button.release").click();
            page.getByTestId("limb-LEFT_ARM").locator("button.release").click();
            assertThat(page.getByTestId("limb-LEFT_ARM").locator("button.apply")).isVisible();
            page.getByText("Complete session").click();
            assertThat(page.locator("#complete-message")).containsText("Session completed");
            assertThat(page.locator("#session-meta")).containsText("Completed");
        }
    }

    @Test
    void aPatientWhoMayNotTrainIsOfferedNoStartButWhoCanHelp() {
        try (BrowserContext physio = browsers.newContext()) {
            String patient = ConsolePages.newPatient();
            Page page = Browsers.logIn(physio, "/session.html?patient=" + patient, "physio1");

            assertThat(page.getByTestId("eligibility")).containsText("No screening");
            assertThat(page.getByTestId("who-can-help")).containsText("screen the patient");
            assertThat(page.getByText("Screen this patient")).isVisible();
            assertThat(page.getByText("Start session")).hasCount(0);
        }
    }

    private static int seconds(String mmss) {
        String[] parts = mmss.split(":");
        return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
    }
}
