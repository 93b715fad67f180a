package clinic.bfrguard.e2e.ui;

import clinic.bfrguard.e2e.E2EStack;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium, driven headless. The machine's browser, never one downloaded by the driver: the clinic's build
 * machines cannot download browsers, and the one the clinic's tablets run is a stock Chromium too.
 */
final class Browsers implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("BFR_CHROMIUM", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Playwright playwright;
    private final Browser browser;

    private Browsers(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /**
     * Starts Chromium, or skips the calling test class when it is not installed; in CI
     * ({@code BFR_REQUIRE_BROWSER=1}) a missing browser fails instead, so the tests cannot silently vanish.
     */
    static Browsers start() {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("1".equals(System.getenv("BFR_REQUIRE_BROWSER"))) {
                fail(CHROMIUM + " is missing: apt-get install chromium");
            }
            assumeTrue(false, CHROMIUM + " is not installed (apt-get install chromium): browser tests skipped");
        }
        // the band rules take seconds to happen: assertions wait for them rather than failing at once
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync")));
            return new Browsers(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A fresh browser profile (cookies, storage) on a tablet-sized screen: one person at one tablet. */
    BrowserContext newContext() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1024, 900));
        context.setDefaultTimeout(30_000);
        return context;
    }

    /**
     * Opens {@code path} of the web console, which sends the browser to Keycloak's login page, and logs in there
     * as {@code user} (password = user name, the demo users).
     */
    static Page logIn(BrowserContext context, String path, String user) {
        Page page = context.newPage();
        page.navigate(E2EStack.webUrl() + path);
        assertOnLoginPage(page);
        page.locator("#username").fill(user);
        page.locator("#password").fill(user);
        page.locator("#kc-login").click();
        page.waitForURL(Pattern.compile(Pattern.quote(E2EStack.webUrl() + path) + ".*"));
        assertThat(page.getByTestId("user")).containsText(user);
        return page;
    }

    /** Answers the console's {@code /config.json} to the pages of {@code context} as {@code change} makes it. */
    static void configure(BrowserContext context, Consumer<ObjectNode> change) {
        context.route("**/config.json", route -> {
            APIResponse response = route.fetch();
            try {
                ObjectNode config = (ObjectNode) JSON.readTree(response.text());
                change.accept(config);
                route.fulfill(new Route.FulfillOptions().setResponse(response)
                        .setBody(JSON.writeValueAsString(config)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the console's /config.json is not JSON", e);
            }
        });
    }

    /**
     * A fresh profile whose pages call one API at another address (a {@link TcpRelay}, say): the console's
     * {@code /config.json} is answered with {@code urlField} set to {@code url}. The pages' Content-Security-Policy
     * admits the stack's own addresses only, so this profile's browser does not apply it.
     */
    BrowserContext newContextCallingApiAt(String urlField, String url) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1024, 900)
                .setBypassCSP(true));
        context.setDefaultTimeout(30_000);
        configure(context, config -> config.put(urlField, url));
        return context;
    }

    static void assertOnLoginPage(Page page) {
        page.waitForURL(Pattern.compile(".*/realms/clinic/protocol/openid-connect/auth.*"));
        assertThat(page.locator("#username")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign In"))).isVisible();
    }

    static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
