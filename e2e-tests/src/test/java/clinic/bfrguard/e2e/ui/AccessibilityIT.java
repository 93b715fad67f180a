package clinic.bfrguard.e2e.ui;

import clinic.bfrguard.e2e.E2EStack;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core's WCAG 2.1 A and AA rules on every page of the console, as each page's users see it with data on it: no
 * serious or critical violation anywhere.
 */
class AccessibilityIT extends BrowserTest {

    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    @Test
    void everyPageMeetsWcag21AaWithoutSeriousOrCriticalViolations() {
        String patient = ConsolePages.newPatient();
        String session = ConsolePages.sessionOfClearedPatient(patient);
        ConsolePages.as("physio1", "session-service").body(Map.of("limb", "LEFT_THIGH", "perceivedPressure", 6))
                .post("/api/sessions/" + session + "/bands").then().statusCode(201);
        ConsolePages.as("physio1", "session-service").body(Map.of("exercise", "LEG_PRESS", "limb", "LEFT_THIGH",
                "loadPercentOneRm", 45, "reps", 15)).post("/api/sessions/" + session + "/sets").then().statusCode(201);

        List<String> violations = new ArrayList<>();
        try (BrowserContext physio = browsers.newContext()) {
            Page page = Browsers.logIn(physio, "/", "physio1");
            check(page, "/", violations);
            check(page, "/floor.html", violations);
            check(page, "/floor.html?wall", violations);
            check(page, "/session.html?session=" + session, violations);
            check(page, "/screening.html", violations);
            check(page, "/oncall.html", violations);
        }
        try (BrowserContext clinician = browsers.newContext()) {
            Page page = Browsers.logIn(clinician, "/board.html", "clinician1");
            check(page, "/board.html", violations);
            check(page, "/record.html?patient=" + patient, violations);
            check(page, "/record.html?patient=" + patient + "&report=" + session, violations);
            check(page, "/contacts.html", violations);
        }
        try (BrowserContext admin = browsers.newContext()) {
            Page page = Browsers.logIn(admin, "/oncall.html", "admin1");
            check(page, "/oncall.html", violations);
        }
        assertThat(violations).as("serious and critical WCAG 2.1 AA violations").isEmpty();
    }

    @Test
    void theSessionConsoleAndTheBoardWorkFromTheKeyboardAlone() {
        String patient = ConsolePages.newPatient();
        String session = ConsolePages.sessionOfClearedPatient(patient);
        try (BrowserContext physio = browsers.newContext(); BrowserContext clinician = browsers.newContext()) {
            Page console = Browsers.logIn(physio, "/session.html?session=" + session, "physio1");
            assertThat(console.locator("#session-title")).containsText(patient);
            // Tab to the left arm's "Apply band", Enter: the band is on; Tab to its "Release band", Space: it is off
            tabTo(console, "[data-testid=limb-LEFT_ARM] button.apply");
            console.keyboard().press("Enter");
            assertThat(console.getByTestId("countdown-LEFT_ARM")).isVisible();
            tabTo(console, "[data-testid=limb-LEFT_ARM] button.release");
            console.keyboard().press(" ");
            assertThat(console.getByTestId("limb-LEFT_ARM").locator("button.apply")).isVisible();
            // a symptom from the keyboard raises an alert the clinician acknowledges from the keyboard
            tabTo(console, "button.symptom >> text=Tingling");
            console.keyboard().press("Enter");

            Page board = Browsers.logIn(clinician, "/board.html", "clinician1");
            Locator alert = board.locator("li.alert[data-type=ADVERSE_SYMPTOM][data-patient=" + patient + "]");
            assertThat(alert).isVisible();
            tabTo(board, "li.alert[data-patient=" + patient + "] button.ack");
            board.keyboard().press("Enter");
            assertThat(alert).hasAttribute("data-status", "ACKNOWLEDGED");
        }
        ConsolePages.as("physio1", "session-service").post("/api/sessions/" + session + "/complete").then()
                .statusCode(200);
    }

    /** Presses Tab until the element {@code selector} names has the focus; fails after 80 presses. */
    private static void tabTo(Page page, String selector) {
        Locator target = page.locator(selector).first();
        for (int i = 0; i < 80; i++) {
            if ((Boolean) target.evaluate("element => element === document.activeElement")) {
                return;
            }
            page.keyboard().press("Tab");
        }
        throw new AssertionError("Tab never reached " + selector);
    }

    private static void check(Page page, String path, List<String> violations) {
        page.navigate(E2EStack.webUrl() + path);
        page.locator("main").waitFor();
        // the page has read its data and drawn it
        page.waitForTimeout(1_500);
        AxeResults results = new AxeBuilder(page).withTags(WCAG_21_AA).analyze();
        for (Rule rule : results.getViolations()) {
            if (BLOCKING.contains(rule.getImpact())) {
                String where = rule.getNodes().stream().map(CheckedNode::getTarget).map(String::valueOf)
                        .limit(5).collect(Collectors.joining(", "));
                violations.add(path + ": " + rule.getId() + " (" + rule.getImpact() + ") " + rule.getHelp()
                        + " at " + where);
            }
        }
        System.out.printf("AccessibilityIT: %s: %d violations in all, %d passes%n", path,
                results.getViolations().size(), results.getPasses().size());
    }
}
