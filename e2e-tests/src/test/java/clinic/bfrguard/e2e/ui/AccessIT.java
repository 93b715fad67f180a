package clinic.bfrguard.e2e.ui;

import clinic.bfrguard.e2e.E2EStack;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** Pages show what the role allows; logging out really ends the session. */
class AccessIT extends BrowserTest {

    @Test
    void physiotherapistSeesNoAlertActionsAndLogoutLeadsToTheLoginPage() {
        try (BrowserContext physio = browsers.newContext()) {
            Page page = Browsers.logIn(physio, "/", "physio1");
            assertThat(page.getByRole(AriaRole.NAVIGATION).getByText("Session console")).isVisible();
            assertThat(page.getByRole(AriaRole.NAVIGATION).getByText("Alert board")).hasCount(0);
            Browsers.screenshot(page, "home-physiotherapist");

            // one login serves every page: the board opens without a second login, and refuses a physiotherapist
            page.navigate(E2EStack.webUrl() + "/board.html");
            assertThat(page.getByTestId("not-allowed")).isVisible();
            assertThat(page.locator("button.ack")).hasCount(0);
            assertThat(page.locator("button.resolve")).hasCount(0);

            page.getByText("Log out").click();
            Browsers.assertOnLoginPage(page);
            Browsers.screenshot(page, "login");

            // Keycloak's session ended too: any page of the console asks for a login again
            page.navigate(E2EStack.webUrl() + "/session.html");
            Browsers.assertOnLoginPage(page);
        }
    }
}
