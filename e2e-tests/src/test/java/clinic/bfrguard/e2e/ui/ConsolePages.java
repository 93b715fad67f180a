package clinic.bfrguard.e2e.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** What a physiotherapist does on the console's pages, step by step as on the tablet. */
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
}
