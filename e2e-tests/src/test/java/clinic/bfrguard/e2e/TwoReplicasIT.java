package clinic.bfrguard.e2e;

import clinic.bfrguard.stack.Component;
import clinic.bfrguard.stack.LocalStack;
import clinic.bfrguard.stack.QuarkusApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static clinic.bfrguard.e2e.Api.as;
import static clinic.bfrguard.e2e.Api.newPatient;
import static clinic.bfrguard.e2e.Api.screen;
import static clinic.bfrguard.e2e.Api.startSessionOnce;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the alert-service and of the session-service on the same databases and broker, in the same
 * consumer groups, as production runs them: every alert reaches the boards of both alert-service replicas, whichever
 * replica raised it, and a session-service replica killed while it holds a band's timer leaves the warning and the
 * overrun to the other, once each, an alert-service replica killed under load leaves no alert lost or doubled, and
 * two notification-service replicas send each page once.
 * The second replicas start for this class and stop after it; the cross-replica figures are printed, not asserted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasIT {

    private static final int ALERTS = Integer.getInteger("bfr.replicas.alerts", 200);
    private static final int RATE = Integer.getInteger("bfr.replicas.rate", 20);
    private static final Duration ALERT_WAIT = Duration.ofSeconds(30);
    private static final String FLAGGED = "[\"HISTORY_OF_THROMBOSIS\"]";

    private static LocalStack stack;
    private static QuarkusApp alertB;
    private static QuarkusApp sessionB;

    @BeforeAll
    static void secondReplicas() throws Exception {
        stack = E2EStack.get();
        alertB = stack.startReplica("alert-service");
        sessionB = stack.startReplica("session-service");
    }

    @AfterAll
    static void oneReplicaAgain() {
        if (sessionB != null) {
            stack.stopReplica(sessionB);
        }
        if (alertB != null) {
            stack.stopReplica(alertB);
        }
    }

    private static boolean raised(JsonNode change, String patientId, String type) {
        JsonNode alert = change.path("alert");
        return change.path("kind").asText().equals("RAISED") && alert.path("patientId").asText().equals(patientId)
                && alert.path("type").asText().equals(type);
    }

    @Test
    @Order(1)
    void everyAlertReachesTheBoardsOfBothAlertServiceReplicas() throws Exception {
        // site south, where nobody is on call: these alerts page nobody, and are resolved at the end
        String token = Tokens.of("clinician3");
        try (AlertStream boardA = new AlertStream(E2EStack.url("alert-service"), token, null).awaitOpen();
                AlertStream boardB = new AlertStream(alertB.url(), token, null).awaitOpen()) {
            // warm-up, not measured: the new replica has its share of the partitions and both boards hear
            for (int i = 0; i < 5; i++) {
                String patient = newPatient();
                screen("physio2", patient, FLAGGED).then().statusCode(201);
                boardA.await("the warm-up alert", e -> raised(e, patient, "CONTRAINDICATION_FLAGGED"), ALERT_WAIT);
                boardB.await("the warm-up alert", e -> raised(e, patient, "CONTRAINDICATION_FLAGGED"), ALERT_WAIT);
            }

            // ALERTS contraindicated screenings at RATE/s, each patient's alert raised by whichever alert-service
            // replica holds the patient's partition
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            List<String> patients = new ArrayList<>();
            for (int i = 0; i < ALERTS; i++) {
                patients.add(newPatient());
            }
            ExecutorService callers = Executors.newFixedThreadPool(4);
            long start = System.nanoTime();
            List<Future<Integer>> calls = screenAtRate(callers, patients, start, sentAt);
            for (Future<Integer> call : calls) {
                assertThat(call.get(60, TimeUnit.SECONDS)).isEqualTo(201);
            }

            List<String> alertIds = new ArrayList<>();
            List<Long> gaps = new ArrayList<>();
            List<Long> toLater = new ArrayList<>();
            for (String patient : patients) {
                JsonNode onA = boardA.await("the alert of " + patient,
                        e -> raised(e, patient, "CONTRAINDICATION_FLAGGED"), ALERT_WAIT);
                JsonNode onB = boardB.await("the alert of " + patient,
                        e -> raised(e, patient, "CONTRAINDICATION_FLAGGED"), ALERT_WAIT);
                alertIds.add(onA.path("alert").path("id").asText());
                long a = boardA.arrivedAtNanos(onA);
                long b = boardB.arrivedAtNanos(onB);
                gaps.add(TimeUnit.NANOSECONDS.toMillis(Math.abs(a - b)));
                toLater.add(TimeUnit.NANOSECONDS.toMillis(Math.max(a, b) - sentAt.get(patient)));
            }
            // each alert once on each board
            for (AlertStream board : List.of(boardA, boardB)) {
                List<String> raisedFor = board.received().stream()
                        .filter(e -> e.path("kind").asText().equals("RAISED"))
                        .map(e -> e.path("alert").path("patientId").asText()).filter(patients::contains).toList();
                assertThat(raisedFor).hasSize(ALERTS).doesNotHaveDuplicates();
            }
            print("between the two replicas' boards", gaps);
            print("screening sent -> the later of the two boards", toLater);

            List<Future<Integer>> resolutions = new ArrayList<>();
            for (String alertId : alertIds) {
                resolutions.add(callers.submit(() -> as("clinician3", "alert-service")
                        .body("{\"note\":\"Test alert of two replicas\"}")
                        .post("/api/alerts/" + alertId + "/resolve").statusCode()));
            }
            for (Future<Integer> resolution : resolutions) {
                assertThat(resolution.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
            callers.shutdown();
        }
    }

    @Test
    @Order(2)
    void theOtherSessionServiceReplicaRaisesTheWarningAndOverrunOfAKilledOnesBandOnce() throws Exception {
        String patient = newPatient();
        screen("physio1", patient, "[]").then().statusCode(201);
        Response started = startSessionOnce(patient, r -> r.statusCode() == 201);
        started.then().statusCode(201);
        String sessionId = started.jsonPath().getString("id");
        Component sessionA = stack.component("session-service");
        try (AlertStream board = new AlertStream(Tokens.of("clinician1")).awaitOpen()) {
            // replica A takes the band, and its in-memory timer waits for the warning and the deadline
            Response applied = as("physio1", "session-service")
                    .body("{\"limb\":\"LEFT_ARM\",\"perceivedPressure\":6}")
                    .post("/api/sessions/" + sessionId + "/bands");
            applied.then().statusCode(201);
            Instant warnAt = Instant.parse(applied.jsonPath().getString("warnAt"));
            Instant deadline = Instant.parse(applied.jsonPath().getString("deadline"));
            String bandId = applied.jsonPath().getString("bandId");

            // SIGKILL: no shutdown hook, no hand-over, its Kafka consumers simply gone
            ProcessHandle process = ProcessHandle.of(sessionA.pid()).orElseThrow();
            process.destroyForcibly();
            process.onExit().get(10, TimeUnit.SECONDS);
            assertThat(Instant.now()).as("killed before the warning was due").isBefore(warnAt);

            JsonNode warning = board.await("the warning of " + bandId,
                    e -> raised(e, patient, "BAND_TIME_WARNING"), ALERT_WAIT);
            JsonNode overrun = board.await("the overrun of " + bandId,
                    e -> raised(e, patient, "BAND_TIME_OVERRUN"), ALERT_WAIT);
            long warningLate = Duration.between(warnAt, wallTime(board, warning)).toMillis();
            long overrunLate = Duration.between(deadline, wallTime(board, overrun)).toMillis();
            System.out.printf("TwoReplicasIT: replica A killed holding the band; replica B's warning on the board "
                    + "%d ms after it was due, the overrun %d ms after the deadline%n", warningLate, overrunLate);
            assertThat(warning.path("alert").path("bandId").asText()).isEqualTo(bandId);
            assertThat(overrun.path("alert").path("bandId").asText()).isEqualTo(bandId);

            // once each: one alert of each kind with one occurrence, one RAISED of each on the board
            Thread.sleep(2_000);
            JsonPath alerts = as("clinician1", "alert-service").queryParam("patientId", patient).get("/api/alerts")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(alerts.getList("findAll { it.type == 'BAND_TIME_WARNING' }.occurrences")).containsExactly(1);
            assertThat(alerts.getList("findAll { it.type == 'BAND_TIME_OVERRUN' }.occurrences")).containsExactly(1);
            assertThat(board.received().stream().filter(e -> raised(e, patient, "BAND_TIME_WARNING")).count())
                    .isOne();
            assertThat(board.received().stream().filter(e -> raised(e, patient, "BAND_TIME_OVERRUN")).count())
                    .isOne();

            // the band is released and the session completed through the surviving replica
            Api.as("physio1", "session-service").baseUri(sessionB.url())
                    .post("/api/sessions/" + sessionId + "/bands/" + bandId + "/release").then().statusCode(200);
            Api.as("physio1", "session-service").baseUri(sessionB.url())
                    .post("/api/sessions/" + sessionId + "/complete").then().statusCode(200);
        } finally {
            if (!sessionA.running()) {
                sessionA.start();
                sessionA.awaitReady(sessionA.readyTimeout());
            }
        }
        // the killed member's partitions come back once the group has noticed it gone: later tests start sessions
        // of freshly screened patients, so this waits until one can
        String next = newPatient();
        screen("physio1", next, "[]").then().statusCode(201);
        startSessionOnce(next, r -> r.statusCode() == 201, Duration.ofSeconds(120)).then().statusCode(201);
    }

    @Test
    @Order(3)
    void anAlertServiceReplicaKilledUnderLoadLosesNothingAndDoublesNothing() throws Exception {
        int count = 100;
        Component alertA = stack.component("alert-service");
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            patients.add(newPatient());
        }
        try (AlertStream boardB = new AlertStream(alertB.url(), Tokens.of("clinician3"), null).awaitOpen()) {
            ExecutorService callers = Executors.newFixedThreadPool(4);
            long start = System.nanoTime();
            long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
            List<Future<Integer>> calls = screenAtRate(callers, patients, start, new ConcurrentHashMap<>());
            // a third of the way through, replica A dies with whatever it was applying and had not committed
            long killAt = start + (count / 3) * interval - System.nanoTime();
            if (killAt > 0) {
                TimeUnit.NANOSECONDS.sleep(killAt);
            }
            ProcessHandle process = ProcessHandle.of(alertA.pid()).orElseThrow();
            process.destroyForcibly();
            process.onExit().get(10, TimeUnit.SECONDS);
            for (Future<Integer> call : calls) {
                assertThat(call.get(60, TimeUnit.SECONDS)).isEqualTo(201);
            }
            callers.shutdown();

            // A's partitions move to B once the group notices A gone (a 10 s session timeout): every alert on B's
            // board, once
            Map<String, String> alertOf = new ConcurrentHashMap<>();
            for (String patient : patients) {
                JsonNode raised = boardB.await("the alert of " + patient,
                        e -> raised(e, patient, "CONTRAINDICATION_FLAGGED"), Duration.ofSeconds(90));
                alertOf.put(patient, raised.path("alert").path("id").asText());
            }
            Thread.sleep(2_000);
            List<String> raisedFor = boardB.received().stream()
                    .filter(e -> e.path("kind").asText().equals("RAISED"))
                    .map(e -> e.path("alert").path("patientId").asText()).filter(patients::contains).toList();
            assertThat(raisedFor).hasSize(count).doesNotHaveDuplicates();
            // and in the database: one alert per patient with one occurrence, the redelivered events skipped
            for (String patient : patients) {
                JsonPath alerts = as("clinician3", "alert-service").baseUri(alertB.url())
                        .queryParam("patientId", patient).get("/api/alerts").then().statusCode(200).extract()
                        .jsonPath();
                assertThat(alerts.getList("findAll { it.type == 'CONTRAINDICATION_FLAGGED' }.occurrences"))
                        .as("the alerts of " + patient).containsExactly(1);
                as("clinician3", "alert-service").baseUri(alertB.url())
                        .body("{\"note\":\"Test alert of a killed replica\"}")
                        .post("/api/alerts/" + alertOf.get(patient) + "/resolve").then().statusCode(200);
            }
        } finally {
            if (!alertA.running()) {
                alertA.start();
                alertA.awaitReady(alertA.readyTimeout());
            }
        }
    }

    @Test
    @Order(4)
    void twoNotificationServiceReplicasSendEachPageOnce() throws Exception {
        QuarkusApp notificationB = stack.startReplica("notification-service");
        try {
            // a rota names only members who can be reached
            for (String clinician : List.of("clinician1", "clinician2")) {
                as(clinician, "notification-service").body(Map.of("email", clinician + "@clinic.example"))
                        .put("/api/oncall/me/contacts").then().statusCode(200);
            }
            as("admin1", "notification-service").body(Map.of("timeZone", "Europe/Madrid", "handoff", "08:00",
                    "rotationStart", "2026-01-05", "steps", List.of(
                            Map.of("name", "primary", "members", List.of("clinician1")),
                            Map.of("name", "secondary", "members", List.of("clinician2"))), "overrides", List.of()))
                    .put("/api/oncall/north").then().statusCode(200);

            // 20 HIGH alerts at north: each pages clinician1 once (HIGH does not escalate), whichever replica
            // consumes it and whichever replica's sender takes the delivery
            List<String> alertIds = new ArrayList<>();
            try (AlertStream board = new AlertStream(Tokens.of("clinician1")).awaitOpen()) {
                for (int i = 0; i < 20; i++) {
                    String patient = newPatient();
                    screen("physio1", patient, FLAGGED).then().statusCode(201);
                    alertIds.add(board.await("the alert of " + patient,
                            e -> raised(e, patient, "CONTRAINDICATION_FLAGGED"), ALERT_WAIT)
                            .path("alert").path("id").asText());
                }
            }
            for (String alertId : alertIds) {
                Awaitility.await("clinician1's page about " + alertId).atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> Mailboxes.about("clinician1", alertId).size(), n -> n >= 1);
            }
            // longer than a send lease (5 s here): a delivery sent twice would have arrived by now
            Thread.sleep(Duration.ofSeconds(E2EStack.SEND_LEASE_SECONDS + 3).toMillis());
            for (String alertId : alertIds) {
                assertThat(Mailboxes.about("clinician1", alertId)).as("the pages about " + alertId)
                        .extracting(Mailboxes.Mail::idempotencyKey).hasSize(1).doesNotHaveDuplicates();
                as("clinician1", "alert-service").body("{\"note\":\"Test alert of two notification replicas\"}")
                        .post("/api/alerts/" + alertId + "/resolve").then().statusCode(200);
            }
        } finally {
            stack.stopReplica(notificationB);
        }
    }

    /**
     * A contraindicated screening of each patient at south by physio2, the i-th due {@code i / RATE} seconds after
     * {@code start} whatever the answers' pace; {@code sentAt} gets when each left. The futures give the statuses.
     */
    private static List<Future<Integer>> screenAtRate(ExecutorService callers, List<String> patients, long start,
            Map<String, Long> sentAt) {
        long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < patients.size(); i++) {
            String patient = patients.get(i);
            long due = start + i * interval;
            calls.add(callers.submit(() -> {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                sentAt.put(patient, System.nanoTime());
                return screen("physio2", patient, FLAGGED).statusCode();
            }));
        }
        return calls;
    }

    /** When {@code event} arrived on {@code board}, on the wall clock. */
    private static Instant wallTime(AlertStream board, JsonNode event) {
        long ago = System.nanoTime() - board.arrivedAtNanos(event);
        return Instant.now().minusNanos(ago);
    }

    private static void print(String what, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("TwoReplicasIT: %s: n=%d, %d alerts at %d/s, p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                what, sorted.size(), ALERTS, RATE, percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
