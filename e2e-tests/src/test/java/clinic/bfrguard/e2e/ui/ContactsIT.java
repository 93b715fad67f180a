package clinic.bfrguard.e2e.ui;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "My contacts": a clinician saves an e-mail address and a webhook pager in the browser, sees the service's
 * refusals next to their fields, and the start-of-shift test shows what each channel answered.
 */
class ContactsIT extends BrowserTest {

    @AfterAll
    static void plainContacts() {
        ConsolePages.contacts("clinician2", Map.of("email", "clinician2@clinic.example"));
    }

    @Test
    void aClinicianSavesEmailAndAWebhookAndTheTestShowsEachChannelsReceipt() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer pager = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pager.createContext("/pager", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        pager.start();
        ConsolePages.contacts("clinician2", Map.of());
        try (BrowserContext context = browsers.newContext()) {
            Page page = Browsers.logIn(context, "/contacts.html", "clinician2");
            Locator form = page.locator("#contacts-form");
            assertThat(page.locator("#save-contacts")).isEnabled();
            form.getByLabel("E-mail").fill("clinician2@clinic.example");
            form.getByText("Add a webhook").click();
            Locator webhook = form.getByTestId("webhook").nth(0);
            webhook.getByLabel("Name").fill("pager");
            Locator url = webhook.getByLabel("URL");
            url.fill("pager.example/hook");
            page.locator("#save-contacts").click();

            Locator urlError = webhook.locator("[data-testid=field-error][data-field='webhooks[0].url']");
            assertThat(urlError).containsText("not an absolute URL");
            assertThat(url).hasAttribute("aria-invalid", "true");
            assertThat(url).hasAttribute("aria-describedby", urlError.getAttribute("id"));
            assertThat(page.locator("#form-problem")).containsText("Your contacts were not saved");
            assertThat(form.locator("[data-testid=field-error]")).hasCount(1);

            // PagerDuty needs its integration key
            url.fill("http://127.0.0.1:" + pager.getAddress().getPort() + "/pager");
            webhook.getByLabel("Format").selectOption("PAGERDUTY");
            Locator routingKey = webhook.getByLabel("Routing key");
            assertThat(routingKey).isVisible();
            page.locator("#save-contacts").click();
            assertThat(webhook.locator("[data-testid=field-error][data-field='webhooks[0].routingKey']"))
                    .containsText("required for PAGERDUTY");
            assertThat(url).not().hasAttribute("aria-invalid", "true");

            webhook.getByLabel("Format").selectOption("CLOUDEVENTS");
            assertThat(routingKey).isHidden();
            page.locator("#save-contacts").click();
            assertThat(page.locator("#save-status")).containsText("Saved at");
            assertThat(form.locator("[data-testid=field-error]")).hasCount(0);
            JsonPath saved = ConsolePages.as("clinician2", "notification-service").get("/api/oncall/me/contacts")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(saved.getString("email")).isEqualTo("clinician2@clinic.example");
            assertThat(saved.getString("webhooks[0].name")).isEqualTo("pager");
            assertThat(saved.getString("webhooks[0].format")).isEqualTo("CLOUDEVENTS");
            assertThat(saved.getString("webhooks[0].url")).endsWith("/pager");

            // after a reload the page shows what was saved
            page.reload();
            assertThat(form.getByLabel("E-mail")).hasValue("clinician2@clinic.example");
            assertThat(form.getByTestId("webhook").nth(0).getByLabel("Name")).hasValue("pager");

            page.locator("#send-test").click();
            Locator email = page.locator("[data-testid=receipt][data-channel=email]");
            assertThat(email).containsText("E-mail");
            assertThat(email).containsText("accepted");
            assertThat(email).hasAttribute("data-accepted", "true");
            Locator hook = page.locator("[data-testid=receipt][data-channel='webhook:pager']");
            assertThat(hook).containsText("Webhook pager");
            assertThat(hook).containsText("accepted");
            assertThat(received).hasSize(1);
            assertThat(received.get(0)).contains("clinic.bfrguard.notification.test");
            Browsers.screenshot(page, "contacts");
        } finally {
            pager.stop(0);
        }
    }
}
