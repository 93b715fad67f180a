package clinic.bfrguard.e2e.ui;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The on-call page: the clinic admin edits the north rota and an override in the browser and sees who covers; the
 * service's refusals appear next to the field they name; a physiotherapist reads the rota and cannot change it.
 * Only north is changed: other suites need south without anybody on call.
 */
class OnCallPageIT extends BrowserTest {

    @BeforeAll
    static void cliniciansWhoCanBeOnCall() {
        ConsolePages.reachableByEmail("clinician1");
        ConsolePages.reachableByEmail("clinician2");
    }

    @AfterAll
    static void plainNorthRota() {
        ConsolePages.northRota("clinician1", "clinician2");
    }

    @Test
    void theClinicAdminEditsTheRotaAndAnOverrideAndTheOnCallNowShowsWhoCovers() {
        try (BrowserContext context = browsers.newContext()) {
            Page page = Browsers.logIn(context, "/oncall.html", "admin1");
            Locator north = page.getByTestId("site-north");
            Locator form = north.locator("form.schedule-form");
            assertThat(form).isVisible();
            assertThat(page.getByTestId("site-south")).isVisible();

            // start from an empty rota, whatever other suites left
            while (form.locator(".override").count() > 0) {
                form.locator(".override").first().getByText("Remove").click();
            }
            while (form.locator(".step").count() > 0) {
                form.locator(".step").first().getByText("Remove").click();
            }
            form.getByLabel("Time zone").fill("Europe/Madrid");
            form.getByLabel("Handoff").fill("07:30");
            form.getByLabel("Rotation start").fill("2026-01-05");
            form.getByText("Add a step").click();
            Locator primary = form.locator(".step").nth(0);
            primary.getByLabel("Name").fill("primary");
            primary.getByLabel("Members, in turn").fill("clinician1");
            form.getByText("Add a step").click();
            Locator secondary = form.locator(".step").nth(1);
            secondary.getByLabel("Name").fill("secondary");
            secondary.getByLabel("Members, in turn").fill("clinician2");
            secondary.getByLabel("Turn (days)").fill("14");

            // clinician2 covers the primary from an hour ago for three hours
            form.getByText("Add an override").click();
            Locator cover = form.locator(".override").nth(0);
            cover.getByLabel("Step").selectOption("0");
            cover.getByLabel("Covered by").fill("clinician2");
            cover.getByLabel("From").fill(localTime(page, -1));
            cover.getByLabel("To").fill(localTime(page, 2));
            form.getByText("Save rota").click();

            assertThat(north.getByTestId("saved")).containsText("Rota saved");
            Locator nowPrimary = north.locator("table.on-call-now tr[data-step='0']");
            assertThat(nowPrimary).containsText("clinician2");
            assertThat(nowPrimary).containsText("covering");
            assertThat(north.locator("table.on-call-now tr[data-step='1']")).containsText("clinician2");
            JsonPath saved = ConsolePages.as("clinician1", "notification-service").get("/api/oncall/north").then()
                    .statusCode(200).extract().jsonPath();
            assertThat(saved.getString("schedule.handoff")).isEqualTo("07:30");
            assertThat(saved.getInt("schedule.steps[1].shiftDays")).isEqualTo(14);
            assertThat(saved.getString("now[0].member")).isEqualTo("clinician2");
            assertThat(saved.getBoolean("now[0].cover")).isTrue();
            assertThat(saved.getList("schedule.overrides")).hasSize(1);
            Browsers.screenshot(page, "oncall");

            // a clinician of another site cannot be on call here: the refusal stands at the input naming them
            form = north.locator("form.schedule-form");
            Locator members = form.locator(".step").nth(1).getByLabel("Members, in turn");
            members.fill("clinician2, clinician3");
            form.getByText("Save rota").click();
            Locator error = form.locator("[data-testid=field-error][data-field=members]");
            assertThat(error).hasCount(1);
            assertThat(error).containsText("unknown member clinician3");
            assertThat(members).hasAttribute("aria-invalid", "true");
            assertThat(members).hasAttribute("aria-describedby", error.getAttribute("id"));
            assertThat(form.locator(".step").nth(1).locator("[data-testid=field-error]")).hasCount(1);
            assertThat(form.locator(".form-problem")).containsText("The rota was not saved: see the marked fields.");
            Browsers.screenshot(page, "oncall-refused");

            // two overrides of one step at once: the error names the second entry, and stands in its row
            members.fill("clinician2");
            form.getByText("Add an override").click();
            Locator second = form.locator(".override").nth(1);
            second.getByLabel("Covered by").fill("clinician1");
            form.getByText("Save rota").click();
            assertThat(second.locator("[data-testid=field-error]")).containsText("overlaps overrides[0]");
            assertThat(form.locator(".step [data-testid=field-error]")).hasCount(0);
            assertThat(form.locator(".override").nth(0).locator("[data-testid=field-error]")).hasCount(0);

            JsonPath unchanged = ConsolePages.as("clinician1", "notification-service").get("/api/oncall/north")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(unchanged.getList("schedule.steps[1].members")).containsExactly("clinician2");
            assertThat(unchanged.getList("schedule.overrides")).hasSize(1);
        }
    }

    @Test
    void aPhysiotherapistReadsTheRotaButCannotChangeIt() {
        ConsolePages.northRota("clinician1", "clinician2");
        try (BrowserContext context = browsers.newContext()) {
            Page page = Browsers.logIn(context, "/oncall.html", "physio1");
            Locator north = page.getByTestId("site-north");
            assertThat(north.locator("table.on-call-now tr[data-step='0']")).containsText("clinician1");
            assertThat(north.locator("table.on-call-now tr[data-step='1']")).containsText("clinician2");
            Locator schedule = north.getByTestId("schedule");
            assertThat(schedule).containsText("08:00");
            assertThat(schedule).containsText("Europe/Madrid");
            assertThat(schedule.locator("tr[data-step='0']")).containsText("clinician1");
            assertThat(page.locator("main form")).hasCount(0);
            assertThat(page.locator("main input, main select")).hasCount(0);
            assertThat(page.getByText("Save rota")).hasCount(0);
            assertThat(page.getByTestId("site-south")).hasCount(0);
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.NAVIGATION).getByText("On call"))
                    .hasAttribute("aria-current", "page");
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.NAVIGATION).getByText("My contacts"))
                    .hasCount(0);
        }
    }

    /** The time {@code hours} from now as the browser's datetime-local input takes it, in the browser's time zone. */
    private static String localTime(Page page, int hours) {
        return (String) page.evaluate("h => { const d = new Date(Date.now() + h * 3600000);"
                + " return new Date(d - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16); }", hours);
    }
}
