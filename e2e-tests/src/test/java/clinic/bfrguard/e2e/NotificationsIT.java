package clinic.bfrguard.e2e;

import clinic.bfrguard.e2e.faults.Faults;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static clinic.bfrguard.e2e.Api.as;
import static clinic.bfrguard.e2e.Api.newPatient;
import static clinic.bfrguard.e2e.Api.screen;
import static clinic.bfrguard.e2e.Api.startSessionOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A paging alert reaches the person on call: by e-mail into the demo mailboxes of the stack's real mail server,
 * read over IMAP, escalating along the north rota until someone acknowledges; and a notification whose sender dies
 * mid-send is sent again under the same idempotency key.
 */
class NotificationsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void northRota() {
        E2EStack.get();
        contacts("clinician1", Map.of("email", "clinician1@clinic.example"));
        contacts("clinician2", Map.of("email", "clinician2@clinic.example"));
        as("admin1", "notification-service").body(Map.of("timeZone", "Europe/Madrid", "handoff", "08:00",
                        "rotationStart", "2026-01-05", "steps", List.of(
                                Map.of("name", "primary", "members", List.of("clinician1")),
                                Map.of("name", "secondary", "members", List.of("clinician2"))), "overrides", List.of()))
                .put("/api/oncall/north").then().statusCode(200)
                .body("now[0].member", equalTo("clinician1")).body("now[1].member", equalTo("clinician2"));
    }

    @AfterAll
    static void plainContacts() {
        contacts("clinician1", Map.of("email", "clinician1@clinic.example"));
    }

    private static void contacts(String user, Map<String, ?> body) {
        as(user, "notification-service").body(body).put("/api/oncall/me/contacts").then().statusCode(200);
    }

    @Test
    void aBandLeftOnPagesThePrimaryThenTheSecondaryUntilSomeoneAcknowledges() throws Exception {
        String patient = newPatient();
        String session = clearedSession(patient);
        as("physio1", "session-service").body("{\"limb\":\"LEFT_THIGH\",\"perceivedPressure\":6}")
                .post("/api/sessions/" + session + "/bands").then().statusCode(201);
        String alertId = awaitAlert(patient, "BAND_TIME_OVERRUN");

        Mailboxes.Mail page = awaitMail("clinician1", alertId, 1).get(0);
        assertThat(page.subject()).contains("[CRITICAL]").contains("Band on too long").contains("LEFT_THIGH")
                .contains("north");
        assertThat(page.body()).contains("board.html#alert=" + alertId).doesNotContain(patient);
        assertThat(page.subject()).doesNotContain(patient);

        Mailboxes.Mail escalated = awaitMail("clinician2", alertId, 1).get(0);
        assertThat(escalated.subject()).contains("escalated, level 1");

        as("clinician1", "alert-service").post("/api/alerts/" + alertId + "/acknowledge").then().statusCode(200);
        int primary = Mailboxes.about("clinician1", alertId).size();
        int secondary = Mailboxes.about("clinician2", alertId).size();
        Thread.sleep(Duration.ofSeconds(E2EStack.ESCALATE_AFTER_SECONDS * 2L).toMillis());
        assertThat(Mailboxes.about("clinician1", alertId)).as("no page after the acknowledgement").hasSize(primary);
        assertThat(Mailboxes.about("clinician2", alertId)).as("no page after the acknowledgement").hasSize(secondary);

        JsonNode alert = await("the alert's trail lists both pages", () -> alert(alertId),
                a -> recipients(a).containsAll(List.of("clinician1", "clinician2")));
        for (JsonNode entry : alert.path("notifications")) {
            if (entry.path("kind").asText().equals("TRIGGER")) {
                assertThat(entry.path("channel").asText()).isEqualTo("email");
                assertThat(entry.path("outcome").asText()).isEqualTo("SENT");
            }
        }
        JsonNode trail = JSON.readTree(as("clinician1", "notification-service").queryParam("alertId", alertId)
                .get("/api/notifications").then().statusCode(200).extract().asString());
        assertThat(trail.findValuesAsText("recipient")).contains("clinician1", "clinician2");
    }

    @Test
    void aSenderThatDiesMidSendSendsAgainUnderTheSameIdempotencyKey() throws Exception {
        List<String> keys = new CopyOnWriteArrayList<>();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/pager", exchange -> {
            exchange.getRequestBody().readAllBytes();
            keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            if (keys.size() == 1) {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        receiver.start();
        Faults faults = new Faults(E2EStack.get());
        try {
            contacts("clinician1", Map.of("email", "clinician1@clinic.example", "webhooks", List.of(Map.of(
                    "name", "pager", "format", "CLOUDEVENTS",
                    "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/pager"))));
            String patient = newPatient();
            String session = clearedSession(patient);
            as("physio1", "session-service").body("{\"symptom\":\"NUMBNESS\"}")
                    .post("/api/sessions/" + session + "/symptoms").then().statusCode(201);
            assertThat(held.await(30, TimeUnit.SECONDS)).as("the webhook arrived").isTrue();

            faults.crash("notification-service");
            release.countDown();
            faults.start("notification-service");

            await("the webhook sent again after the lease", () -> keys, k -> k.size() >= 2, Duration.ofSeconds(60));
            assertThat(keys.get(1)).isEqualTo(keys.get(0));
            String alertId = awaitAlert(patient, "ADVERSE_SYMPTOM");
            as("clinician1", "alert-service").post("/api/alerts/" + alertId + "/acknowledge").then().statusCode(200);
        } finally {
            release.countDown();
            faults.restoreAll();
            receiver.stop(0);
        }
    }

    private static String clearedSession(String patient) throws InterruptedException {
        screen("physio1", patient, "[]").then().statusCode(201).body("outcome", equalTo("CLEARED"));
        Response started = startSessionOnce(patient, r -> r.statusCode() == 201, Duration.ofSeconds(60));
        return started.then().statusCode(201).extract().path("id");
    }

    private static String awaitAlert(String patient, String type) {
        JsonNode alerts = await(type, () -> read(as("clinician1", "alert-service").queryParam("patientId", patient)
                .get("/api/alerts").then().statusCode(200).extract().asString()), list -> {
                    for (JsonNode a : list) {
                        if (a.path("type").asText().equals(type)) {
                            return true;
                        }
                    }
                    return false;
                });
        for (JsonNode a : alerts) {
            if (a.path("type").asText().equals(type)) {
                return a.path("id").asText();
            }
        }
        throw new AssertionError("no " + type);
    }

    private static JsonNode alert(String alertId) {
        return read(as("clinician1", "alert-service").get("/api/alerts/" + alertId).then().statusCode(200)
                .extract().asString());
    }

    private static List<String> recipients(JsonNode alert) {
        return alert.path("notifications").findValuesAsText("recipient");
    }

    private static List<Mailboxes.Mail> awaitMail(String user, String alertId, int count) {
        return await(user + "'s mail about " + alertId, () -> Mailboxes.about(user, alertId),
                mails -> mails.size() >= count, MAIL_WAIT);
    }

    private static <T> T await(String what, Callable<T> probe, Predicate<T> done) {
        return await(what, probe, done, MAIL_WAIT);
    }

    private static <T> T await(String what, Callable<T> probe, Predicate<T> done, Duration timeout) {
        return Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(250)).until(probe, done::test);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
