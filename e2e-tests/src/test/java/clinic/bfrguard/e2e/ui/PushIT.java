package clinic.bfrguard.e2e.ui;

import clinic.bfrguard.e2e.E2EStack;
import clinic.bfrguard.testing.PushService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.restassured.path.json.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Web Push from "Push on this device" to the notification on the phone and the tap that opens the alert.
 *
 * <p>Chromium here reaches no real push service, so the page's {@code pushManager.subscribe} is given a subscription
 * of test-support's {@link PushService} (its endpoint and a browser's keys) before the page loads; the page's own
 * code stores it through the API, and the notification-service encrypts and signs for it as for any browser. What
 * the push service receives it decrypts, and the test hands the plaintext to the console's real service worker
 * through the DevTools protocol, as the browser's push service would have.
 */
class PushIT extends BrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PUSH_WAIT = Duration.ofSeconds(30);
    private static PushService push;

    @BeforeAll
    static void pushService() {
        push = PushService.start();
        ConsolePages.reachableByEmail("clinician1");
    }

    @AfterAll
    static void plainContactsAndRota() {
        ConsolePages.contacts("clinician2", Map.of("email", "clinician2@clinic.example"));
        ConsolePages.northRota("clinician1", "clinician2");
        if (push != null) {
            push.close();
        }
    }

    @Test
    void aPageReachesThePhoneItsNotificationOpensTheAlertAndAGoneSubscriptionTurnsPushOff() throws Exception {
        PushService.Subscriber phone = push.subscriber("phone");
        ConsolePages.contacts("clinician2", Map.of("email", "clinician2@clinic.example"));
        String origin = E2EStack.webUrl();
        try (BrowserContext context = browsers.newContext()) {
            context.grantPermissions(List.of("notifications"),
                    new BrowserContext.GrantPermissionsOptions().setOrigin(origin));
            context.addInitScript(pushManagerOf(phone));
            Page page = Browsers.logIn(context, "/contacts.html", "clinician2");
            Locator state = page.getByTestId("push-state");
            Locator toggle = page.locator("#push-switch");
            assertThat(state).hasAttribute("data-state", "off");

            // switch on: worker registered, permission asked, subscribed with the service's key, stored
            toggle.click();
            assertThat(state).hasAttribute("data-state", "on");
            assertThat(toggle).hasAttribute("aria-checked", "true");
            assertThat(state).containsText("Chrome on Linux");
            JsonPath contacts = savedContacts();
            assertThat(contacts.getList("push")).hasSize(1);
            assertThat(contacts.getString("push[0].endpoint")).isEqualTo(phone.endpoint());
            assertThat(contacts.getString("push[0].keys.p256dh")).isEqualTo(phone.p256dh());
            assertThat(contacts.getString("push[0].keys.auth")).isEqualTo(phone.auth());
            assertThat(contacts.getString("push[0].device")).isEqualTo("Chrome on Linux");
            assertThat(contacts.getString("email")).isEqualTo("clinician2@clinic.example");
            String publicKey = ConsolePages.as("clinician2", "notification-service").get("/api/oncall/me/push-key")
                    .then().statusCode(200).extract().path("publicKey");
            assertThat(page.evaluate("() => localStorage.getItem('test.push.key')"))
                    .as("the page subscribed with the service's VAPID key").isEqualTo(publicKey);
            assertThat((Boolean) page.evaluate("async () => (await navigator.serviceWorker.getRegistration('/'))"
                    + ".active.scriptURL.endsWith('/sw.js')")).isTrue();

            // the start-of-shift test reaches the phone
            page.locator("#send-test").click();
            Locator receipt = page.locator("[data-testid=receipt][data-channel^='push:']");
            assertThat(receipt).containsText("Push: Chrome on Linux");
            assertThat(receipt).containsText("accepted");
            assertThat(page.locator("[data-testid=receipt][data-channel=email]")).containsText("accepted");
            PushService.Message test = awaitPush(phone, m -> true);
            assertThat(test.vapidValid()).as(test.problem()).isTrue();
            assertThat(test.header("Content-Encoding")).isEqualTo("aes128gcm");
            assertThat(JSON.readTree(test.payload()).path("kind").asText()).isEqualTo("TEST");

            // a CRITICAL alert at north with clinician2 on call: the page reaches the phone, encrypted and signed
            ConsolePages.northRota("clinician2", "clinician1");
            String patient = ConsolePages.newPatient();
            String alertId = ConsolePages.criticalAlertAtNorth(patient);
            PushService.Message page1 = awaitPush(phone, m -> m.payload() != null && m.payload().contains(alertId));
            assertThat(page1.vapidValid()).as(page1.problem()).isTrue();
            assertThat(page1.header("Urgency")).isEqualTo("high");
            JsonNode message = JSON.readTree(page1.payload());
            assertThat(message.path("kind").asText()).isEqualTo("TRIGGER");
            assertThat(message.path("tag").asText()).isEqualTo(alertId);
            assertThat(message.path("requireInteraction").asBoolean()).isTrue();
            assertThat(message.path("url").asText()).isEqualTo(origin + "/board.html#alert=" + alertId);
            assertThat(page1.payload()).doesNotContain(patient);

            // the phone's browser hands it to the console's service worker, which shows the notification
            deliverToServiceWorker(context, page, origin, page1.payload());
            // Playwright is driven from this thread only
            JsonNode shown = Awaitility.await("the notification of " + alertId).atMost(Duration.ofSeconds(15))
                    .pollInSameThread().pollInterval(Duration.ofMillis(250))
                    .until(() -> notification(page, alertId), n -> n != null);
            assertThat(shown.path("title").asText()).isEqualTo(message.path("title").asText());
            assertThat(shown.path("title").asText()).contains("CRITICAL");
            assertThat(shown.path("body").asText()).isEqualTo(message.path("body").asText());
            assertThat(shown.path("requireInteraction").asBoolean()).isTrue();
            assertThat(shown.path("data").path("alertId").asText()).isEqualTo(alertId);
            String url = shown.path("data").path("url").asText();
            assertThat(url).isEqualTo(origin + "/board.html#alert=" + alertId);

            // the tap: headless Chromium cannot click a system notification, so the test opens what the worker
            // would open; the tab logs in silently (Keycloak's session) and keeps the #alert= through the login
            Page landing = context.newPage();
            landing.navigate(url);
            landing.waitForURL(Pattern.compile(Pattern.quote(url)));
            Locator card = landing.locator("li.alert[data-id='" + alertId + "']");
            assertThat(card).hasClass(Pattern.compile("\\blinked\\b"));
            assertThat(card).containsText("From your link");
            assertThat(card.locator(".badge").first()).hasText("CRITICAL");
            assertThat(card).isFocused();
            Browsers.screenshot(landing, "push-landing");

            // the phone's subscription ends: its push service answers 410 to the next message, and the device is
            // forgotten; the contacts page then shows push off here
            push.answer(phone, 410);
            ConsolePages.as("clinician2", "alert-service").post("/api/alerts/" + alertId + "/acknowledge").then()
                    .statusCode(200);
            PushService.Message gone = awaitPush(phone, m -> m.status() == 410);
            assertThat(gone.payload()).contains(alertId);
            Awaitility.await("the gone device forgotten").atMost(PUSH_WAIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> savedContacts().getList("push").isEmpty());
            page.reload();
            assertThat(state).hasAttribute("data-state", "off");
            assertThat(toggle).hasAttribute("aria-checked", "false");
            assertThat(page.getByTestId("device")).hasCount(0);
        }
    }

    private static JsonPath savedContacts() {
        return ConsolePages.as("clinician2", "notification-service").get("/api/oncall/me/contacts").then()
                .statusCode(200).extract().jsonPath();
    }

    /** The next message to the subscriber that satisfies {@code wanted}; earlier ones (escalations) are passed. */
    private static PushService.Message awaitPush(PushService.Subscriber subscriber,
            Predicate<PushService.Message> wanted) {
        long deadline = System.nanoTime() + PUSH_WAIT.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            PushService.Message message = push.next(subscriber, left);
            if (wanted.test(message)) {
                return message;
            }
        }
    }

    /**
     * Delivers {@code data} as a push message to the console's service worker through the DevTools protocol: the
     * registration id comes from the ServiceWorker domain's events.
     */
    private static void deliverToServiceWorker(BrowserContext context, Page page, String origin, String data) {
        CDPSession cdp = context.newCDPSession(page);
        AtomicReference<String> registration = new AtomicReference<>();
        cdp.on("ServiceWorker.workerRegistrationUpdated", event -> {
            for (JsonElement r : event.getAsJsonArray("registrations")) {
                JsonObject entry = r.getAsJsonObject();
                if (!entry.get("isDeleted").getAsBoolean() && entry.get("scopeURL").getAsString().equals(origin + "/")) {
                    registration.set(entry.get("registrationId").getAsString());
                }
            }
        });
        AtomicReference<Boolean> running = new AtomicReference<>(false);
        cdp.on("ServiceWorker.workerVersionUpdated", event -> {
            JsonArray versions = event.getAsJsonArray("versions");
            for (JsonElement v : versions) {
                JsonObject version = v.getAsJsonObject();
                if ("activated".equals(version.get("status").getAsString())) {
                    running.set(true);
                }
            }
        });
        cdp.send("ServiceWorker.enable");
        Awaitility.await("the console's service worker registration").atMost(Duration.ofSeconds(10))
                .pollInSameThread().pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    page.waitForTimeout(50);  // lets Playwright dispatch the protocol's events
                    return registration.get() != null && running.get();
                });
        JsonObject params = new JsonObject();
        params.addProperty("origin", origin);
        params.addProperty("registrationId", registration.get());
        params.addProperty("data", data);
        cdp.send("ServiceWorker.deliverPushMessage", params);
    }

    /** The notification the service worker shows with tag {@code tag}, as the page reads it, or null. */
    private static JsonNode notification(Page page, String tag) throws Exception {
        String shown = (String) page.evaluate("tag => navigator.serviceWorker.ready"
                + ".then(r => r.getNotifications({ tag }))"
                + ".then(list => JSON.stringify(list.map(n => ({ title: n.title, body: n.body, tag: n.tag,"
                + " requireInteraction: n.requireInteraction, data: n.data }))))", tag);
        JsonNode list = JSON.readTree(shown);
        return list.isEmpty() ? null : list.get(0);
    }

    /**
     * Replaces the browser's push subscription with one of the test's push service, before any page script runs:
     * {@code subscribe} remembers it (and the key it was asked with) in the origin's storage, {@code getSubscription}
     * gives it back until it is unsubscribed.
     */
    private static String pushManagerOf(PushService.Subscriber subscriber) throws Exception {
        String json = JSON.writeValueAsString(Map.of("endpoint", subscriber.endpoint(),
                "keys", Map.of("p256dh", subscriber.p256dh(), "auth", subscriber.auth())));
        return """
                (() => {
                  if (typeof PushManager === 'undefined') return;
                  const subscription = %s;
                  const SUBSCRIBED = 'test.push.subscribed';
                  const KEY = 'test.push.key';
                  const base64Url = bytes => btoa(String.fromCharCode(...new Uint8Array(ArrayBuffer.isView(bytes)
                      ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) : bytes)))
                    .split('+').join('-').split('/').join('_').split('=').join('');
                  const make = key => ({
                    endpoint: subscription.endpoint,
                    expirationTime: null,
                    options: { userVisibleOnly: true, applicationServerKey: null },
                    toJSON: () => ({ endpoint: subscription.endpoint, expirationTime: null, keys: subscription.keys }),
                    unsubscribe: async () => { localStorage.removeItem(SUBSCRIBED); return true; },
                  });
                  PushManager.prototype.subscribe = async function (options) {
                    if (options && options.applicationServerKey) {
                      localStorage.setItem(KEY, base64Url(options.applicationServerKey));
                    }
                    localStorage.setItem(SUBSCRIBED, 'yes');
                    return make();
                  };
                  PushManager.prototype.getSubscription = async function () {
                    return localStorage.getItem(SUBSCRIBED) ? make() : null;
                  };
                })();
                """.formatted(json);
    }
}
