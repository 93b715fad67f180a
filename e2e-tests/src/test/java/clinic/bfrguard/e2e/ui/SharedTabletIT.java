package clinic.bfrguard.e2e.ui;

import clinic.bfrguard.e2e.E2EStack;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tablet that several people use: no token stays in the browser's storage, "Switch user" ends the session and asks
 * for a fresh login, and a console left without input locks.
 */
class SharedTabletIT extends BrowserTest {

    @Test
    void noTokenIsKeptInTheBrowsersStorageAndAReloadLogsInAgainSilently() {
        try (BrowserContext context = browsers.newContext()) {
            Page page = Browsers.logIn(context, "/screening.html", "physio1");
            String storage = (String) page.evaluate("() => JSON.stringify([Object.entries(localStorage),"
                    + " Object.entries(sessionStorage), document.cookie])");
            // a JWT begins with its base64url header, {"alg"... = eyJ
            assertThat(storage).as("the console's storage and cookies").doesNotContain("eyJ");

            page.reload();
            assertThat(page.getByTestId("user")).containsText("physio1");
            assertThat(page).hasURL(E2EStack.webUrl() + "/screening.html");
            assertThat(page.locator("#username")).hasCount(0);
        }
    }

    @Test
    void switchUserEndsTheSessionAndLogsTheNextPersonIn() {
        try (BrowserContext context = browsers.newContext()) {
            Page page = Browsers.logIn(context, "/", "physio1");
            page.getByText("Switch user").click();
            // Keycloak's session of physio1 is over: its form asks for a user and a password
            Browsers.assertOnLoginPage(page);
            assertThat(page.url()).contains("prompt=login");
            page.locator("#username").fill("clinician1");
            page.locator("#password").fill("clinician1");
            page.locator("#kc-login").click();
            assertThat(page.getByTestId("user")).containsText("clinician1");
            assertThat(page).hasURL(E2EStack.webUrl() + "/");
        }
    }

    @Test
    void aConsoleLeftWithoutInputLocksAndComesBackToThePageAfterThePassword() {
        try (BrowserContext context = browsers.newContext()) {
            Browsers.configure(context, config -> config.put("idleLockMillis", 3_000));
            Page page = Browsers.logIn(context, "/oncall.html", "physio1");
            // someone at the tablet: keys pressed more often than the idle time keep it open
            for (int i = 0; i < 4; i++) {
                page.waitForTimeout(1_500);
                page.keyboard().press("Shift");
            }
            assertThat(page).hasURL(E2EStack.webUrl() + "/oncall.html");
            assertThat(page.getByTestId("user")).containsText("physio1");

            // then nobody: the console locks, and Keycloak asks the same user for the password
            page.waitForURL(Pattern.compile(".*/realms/clinic/protocol/openid-connect/auth.*prompt=login.*"));
            assertThat(page.locator("#kc-attempted-username")).hasValue("physio1");
            assertThat(page.getByTestId("user")).hasCount(0);
            Browsers.screenshot(page, "idle-lock");
            page.locator("#password").fill("physio1");
            page.locator("#kc-login").click();
            page.waitForURL(Pattern.compile(Pattern.quote(E2EStack.webUrl() + "/oncall.html") + ".*"));
            assertThat(page.getByTestId("user")).containsText("physio1");
            assertThat(page).hasURL(E2EStack.webUrl() + "/oncall.html");
        }
    }
}
