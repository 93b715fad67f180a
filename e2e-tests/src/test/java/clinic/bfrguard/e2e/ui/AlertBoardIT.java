package clinic.bfrguard.e2e.ui;

import clinic.bfrguard.e2e.E2EStack;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clinician's board in one browser while a physiotherapist works in another: alerts arrive live, the board says
 * when its stream has gone silent, and it warns when an alert paged nobody.
 */
class AlertBoardIT extends BrowserTest {

    /** A badge such as "No connection since 14:03". */
    private static final Pattern DEAF = Pattern.compile("No connection since (\\d\\d:\\d\\d)");

    @Test
    void bandTimeAlertsArriveLiveAndAreAcknowledgedAndResolved() throws IOException {
        try (TcpRelay network = TcpRelay.to(E2EStack.url("alert-service"));
                BrowserContext physio = browsers.newContext();
                // the board reaches the alert-service through a connection the test can cut
                BrowserContext clinician = browsers.newContextCallingApiAt("alertUrl", network.url())) {
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

            // one card per patient, in words: the overrun on top, the patient's warning folded beneath it
            assertThat(overrun.locator(".type")).hasText("Band time overrun");
            Locator card = board.locator("[data-testid=patient-card][data-patient=" + patient + "]");
            assertThat(card).hasCount(1);
            assertThat(card.locator("details > summary")).hasText("1 more alert of patient " + patient);
            assertThat(warning).isHidden();
            card.locator("details > summary").click();
            assertThat(warning).isVisible();

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

    @Test
    void aSilentStreamTurnsTheBadgeToNoConnectionAndTheBoardCatchesUpWhenDataFlowsAgain() throws Exception {
        try (TcpRelay network = TcpRelay.to(E2EStack.url("alert-service"));
                BrowserContext physio = browsers.newContext();
                BrowserContext clinician = browsers.newContextCallingApiAt("alertUrl", network.url())) {
            Page board = Browsers.logIn(clinician, "/board.html", "clinician1");
            Locator badge = board.locator("#stream-state");
            assertThat(badge).hasAttribute("data-state", "live");
            assertThat(badge).hasText("Live");
            assertThat(badge).hasAttribute("role", "status");
            String patient = ConsolePages.newPatient();
            board.getByLabel("Patient").fill(patient);
            Page console = Browsers.logIn(physio, "/screening.html", "physio1");
            ConsolePages.screenClearedPatient(console, patient);
            ConsolePages.startSession(console, patient);
            // the e2e stack's console says deaf after a short silence, and the alert-service's heartbeat is 1 s
            long silenceMillis = ((Number) board.evaluate(
                    "async () => (await (await fetch('/config.json')).json()).streamSilenceMillis")).longValue();
            assertThat(silenceMillis).as("the e2e stack's stream silence").isLessThan(10_000);

            // the network goes quiet without closing anything: no byte comes, no error either
            double heldAt = ((Number) board.evaluate("() => Date.now()")).doubleValue();
            network.hold();
            assertThat(badge).hasAttribute("data-state", "deaf",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(silenceMillis + 3_000));
            assertThat(badge).hasText(DEAF);
            Matcher since = DEAF.matcher(badge.textContent());
            assertThat(since.matches()).isTrue();
            // the last byte came at most a heartbeat or two before the hold, in the tablet's time
            @SuppressWarnings("unchecked")
            List<String> minutes = (List<String>) board.evaluate("t => [t - 3000, t + 1000].map(x => new Date(x))"
                    + ".map(d => [d.getHours(), d.getMinutes()].map(n => String(n).padStart(2, '0')).join(':'))",
                    heldAt);
            assertThat(since.group(1)).as("the time of the last byte received").isIn(minutes);
            assertThat(board.locator("#stream-state.stream-deaf")).isVisible();
            Browsers.screenshot(board, "alert-board-no-connection");

            // an alert raised while the board hears nothing: it cannot be there yet, and the badge stays deaf
            console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tingling")).click();
            assertThat(console.locator("#symptoms li")).containsText("Tingling — the clinician is alerted");
            Locator symptom = board.locator("li.alert[data-type=ADVERSE_SYMPTOM][data-patient=" + patient + "]");
            board.waitForTimeout(silenceMillis);
            assertThat(symptom).hasCount(0);
            assertThat(badge).hasAttribute("data-state", "deaf");

            // the network comes back: the board reconnects by itself and catches up (no event had come before the
            // silence, so there is no Last-Event-ID to replay from: the board reads the list again)
            network.forward();
            assertThat(badge).hasAttribute("data-state", "live");
            assertThat(badge).hasText("Live");
            assertThat(symptom).isVisible();
            assertThat(symptom.locator(".message")).containsText("Tingling");
            console.getByText("Complete session").click();
            assertThat(console.locator("#complete-message")).containsText("Session completed");
        }
    }

    @Test
    void aCriticalAlertThatPagedNobodyPutsTheNobodyOnCallBannerOnTheBoard() throws Exception {
        // other suites leave south without anybody on call; this test needs it so
        List<Object> onCall = ConsolePages.as("clinician3", "notification-service").get("/api/oncall/south").then()
                .statusCode(200).extract().jsonPath().getList("now");
        assertThat(onCall).as("on call at south now").isEmpty();
        try (BrowserContext physio = browsers.newContext(); BrowserContext clinician = browsers.newContext()) {
            Page board = Browsers.logIn(clinician, "/board.html", "clinician3");
            assertThat(board.locator("#stream-state")).hasAttribute("data-state", "live");
            assertThat(board.locator("#count")).hasText(Pattern.compile("\\d+ shown"));
            Locator banner = board.getByTestId("nobody-on-call-banner");
            Locator south = banner.locator("p[data-site=south]");
            // other suites may have left south alerts that paged nobody: this test's alert is one more
            int before = south.count() == 0 ? 0 : count(south.textContent());

            String patient = ConsolePages.newPatient();
            Page console = Browsers.logIn(physio, "/screening.html", "physio2");
            ConsolePages.screenClearedPatient(console, patient);
            ConsolePages.startSession(console, patient);
            console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Numbness")).click();

            Locator alert = board.locator("li.alert[data-type=ADVERSE_SYMPTOM][data-patient=" + patient + "]");
            assertThat(alert.locator(".badge").first()).hasText("CRITICAL");
            assertThat(alert.locator("[data-testid=notification][data-reason=NOBODY_ON_CALL]").first())
                    .containsText("nobody on call at south: nobody was paged");
            assertThat(banner).isVisible();
            assertThat(banner).hasAttribute("role", "alert");
            int after = before + 1;
            assertThat(south).containsText("Nobody on call at south: " + after + " alert" + (after > 1 ? "s" : "")
                    + " paged nobody. Ask the clinic admin to fix the on-call schedule.");
            assertThat(banner.getByRole(AriaRole.LINK)).hasAttribute("href", "/oncall.html");
            Browsers.screenshot(board, "alert-board-nobody-on-call");

            alert.locator("input[name=note]").fill("Seen on the board, patient checked");
            alert.locator("button.resolve").click();
            assertThat(alert).hasCount(0);
            if (before == 0) {
                assertThat(banner).isHidden();
            } else {
                assertThat(south).containsText(": " + before + " alert" + (before > 1 ? "s" : "") + " paged nobody.");
            }
            console.getByText("Complete session").click();
            assertThat(console.locator("#complete-message")).containsText("Session completed");
        }
    }

    /** The number of alerts a banner line says paged nobody. */
    private static int count(String line) {
        Matcher matcher = Pattern.compile(": (\\d+) alerts? paged nobody").matcher(line);
        assertThat(matcher.find()).as("a count in " + line).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
