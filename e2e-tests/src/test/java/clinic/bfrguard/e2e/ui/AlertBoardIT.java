package clinic.bfrguard.e2e.ui;

import clinic.bfrguard.e2e.E2EStack;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The clinician's board in one browser while a physiotherapist works in another: alerts arrive live. */
class AlertBoardIT extends BrowserTest {

    @Test
    void bandTimeAlertsArriveLiveAndAreAcknowledgedAndResolved() throws IOException {
        try (TcpRelay network = TcpRelay.to(E2EStack.url("alert-service"));
                BrowserContext physio = browsers.newContext(); BrowserContext clinician = browsers.newContext()) {
            // the board reaches the alert-service through a connection the test can cut
            Browsers.callApiAt(clinician, "alertUrl", network.url());
            Page board = Browsers.logIn(clinician, "/board.html", "clinician1");
            assertThat(board.locator("#stream-state")).hasAttribute("data-state", "live");
            board.evaluate("() => { window.notReloaded = true; }");
            String patient = ConsolePages.newPatient();
            board.getByLabel("Patient").fill(patient);

            Page console = Browsers.logIn(physio, "/screening.html", "physio1");
            ConsolePages.screenClearedPatient(console, patient);
            ConsolePages.startSession(console, patient);
            ConsolePages.applyBand(console, "RIGHT_THIGH");

            Locator warning = board.locator("li.alert[data-type=BAND_TIME_WARNING][data-patient=" + patient + "]");
            assertThat(warning).isVisible();
            assertThat(warning.locator(".badge").first()).hasText("WARNING");

            // a network blip: the board says so, reconnects by itself with Last-Event-ID and misses nothing
            network.cut();
            assertThat(board.locator("#stream-state")).hasAttribute("data-state", "reconnecting");
            Locator overrun = board.locator("li.alert[data-type=BAND_TIME_OVERRUN][data-patient=" + patient + "]");
            assertThat(overrun).isVisible();
            assertThat(overrun.locator(".badge").first()).hasText("CRITICAL");
            assertThat(overrun.locator(".message")).containsText(patient);
            assertThat(board.locator("#critical-banner")).isVisible();
            assertThat(board.locator("#stream-state")).hasAttribute("data-state", "live");
            assertThat(board.locator("li.alert").first()).hasAttribute("data-type", "BAND_TIME_OVERRUN");
            assertThat((Boolean) board.evaluate("() => window.notReloaded === true"))
                    .as("the alerts arrived without a reload").isTrue();
            Browsers.screenshot(board, "alert-board");

            overrun.locator("button.ack").click();
            assertThat(overrun).hasAttribute("data-status", "ACKNOWLEDGED");
            assertThat(overrun.locator(".meta")).containsText("acknowledged by clinician1");
            assertThat(overrun.locator("button.ack")).hasCount(0);

            console.getByTestId("limb-RIGHT_THIGH").locator("button.release").click();
            overrun.locator("input[name=note]").fill("Band released, limb checked");
            overrun.locator("button.resolve").click();
            assertThat(overrun).hasCount(0);  // the default filter shows what is still to do
            board.getByLabel("Status").selectOption("RESOLVED");
            assertThat(overrun).hasAttribute("data-status", "RESOLVED");
            assertThat(overrun.locator(".meta")).containsText("resolved by clinician1");
            assertThat(overrun.locator(".meta")).containsText("Band released, limb checked");
            Browsers.screenshot(board, "alert-board-resolved");
        }
    }
}
