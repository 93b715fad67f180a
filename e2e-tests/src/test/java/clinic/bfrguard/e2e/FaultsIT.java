package clinic.bfrguard.e2e;

import clinic.bfrguard.e2e.faults.Faults;
import clinic.bfrguard.stack.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static clinic.bfrguard.e2e.Api.as;
import static clinic.bfrguard.e2e.Api.newPatient;
import static clinic.bfrguard.e2e.Api.screen;
import static clinic.bfrguard.e2e.Api.startSessionOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Faults against the real stack, each proving that no alert is lost and none is doubled: a session-service crash
 * while a band is on, a 30 s Kafka outage, an alert-service crash mid-stream, a full replay by a fresh consumer
 * group, poison records on both input topics, a PostgreSQL outage while a band is on, and an alert-service stopped
 * (as a rolling update does) in the middle of a burst. Every test leaves the stack
 * running in its normal configuration.
 * <p>
 * Nothing in the system consumes {@code alert-events} (clinicians get alerts from the alert-service's API and
 * stream): these tests read that topic only to count what the alert-service published, and send no poison to it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ALERT_WAIT = Duration.ofSeconds(60);
    /** The clinic's requirement: the broker stays away this long while the APIs keep taking writes. */
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** How long an API write may take while the broker is down: far longer than it should, far shorter than a hang. */
    private static final int WRITE_TIMEOUT_MS = 15_000;
    private static final List<String> INPUT_TOPICS = List.of("screening-events", "session-events");

    private static final String KAFKA = LocalStack.KAFKA;
    private static final String POSTGRES = LocalStack.POSTGRES;
    /** How long PostgreSQL stays away: long enough for a band's warning and deadline to pass meanwhile. */
    private static final Duration DATABASE_OUTAGE = Duration.ofSeconds(20);

    /** Takes components down and brings back what a test left down (only if it failed midway). */
    private static Faults faults;

    @BeforeAll
    static void stack() {
        faults = new Faults(E2EStack.get());
    }

    @AfterEach
    void bringBackWhatATestLeftDown() throws Exception {
        faults.restoreAll();
    }

    // ---------------------------------------------------------------- 1. session-service crash with a band on

    @Test
    @Order(1)
    void bandOverrunIsRaisedOnceRightAfterTheSessionServiceComesBack() throws Exception {
        String patient = newPatient();
        String sessionId = clearedSession(patient);
        try (AlertStream board = new AlertStream(Tokens.of("clinician1")).awaitOpen()) {
            Response applied = applyBand(sessionId);
            String bandId = applied.jsonPath().getString("bandId");
            Instant deadline = Instant.parse(applied.jsonPath().getString("deadline"));

            faults.crash("session-service");
            // the service must be down when the deadline passes: nobody else can raise the overrun
            sleepUntil(deadline.plusSeconds(1));
            assertThat(overrunsOnTopic(bandId)).as("overruns published while the session-service was down").isZero();

            long restartAt = System.nanoTime();
            faults.restart("session-service");
            long readyAt = System.nanoTime();
            JsonNode raised = board.await("BAND_TIME_OVERRUN after the restart",
                    e -> change(e, patient, "BAND_TIME_OVERRUN", "RAISED"), ALERT_WAIT);
            // negative when the overrun, raised on the service's start-up path, arrived before it answered ready
            Duration afterReady = Duration.ofNanos(board.arrivedAtNanos(raised) - readyAt);
            report("overrun on the alert stream %d ms after the restarted session-service was ready (%d ms after the"
                            + " restart began, which took %d ms; the deadline had passed %d ms before the restart)",
                    afterReady.toMillis(), Duration.ofNanos(board.arrivedAtNanos(raised) - restartAt).toMillis(),
                    Duration.ofNanos(readyAt - restartAt).toMillis(),
                    Duration.between(deadline, Instant.now()).toMillis()
                            - Duration.ofNanos(System.nanoTime() - restartAt).toMillis());
            assertThat(afterReady).as("overrun right after the restart").isLessThan(Duration.ofSeconds(5));

            // a while later there is still exactly one, seen once
            Thread.sleep(6_000);
            assertOneOverrun(board, patient, bandId);

            releaseAndComplete(sessionId, bandId);
        }
    }

    private static Response applyBand(String sessionId) {
        Response applied = as("physio1", "session-service")
                .body("{\"limb\":\"LEFT_ARM\",\"perceivedPressure\":5}")
                .post("/api/sessions/" + sessionId + "/bands");
        applied.then().statusCode(201);
        return applied;
    }

    /** Exactly one overrun for the band: in the alert API (one occurrence), on the stream, on session-events. */
    private static void assertOneOverrun(AlertStream board, String patient, String bandId) throws IOException {
        List<JsonNode> overruns = alertsOf(patient, "BAND_TIME_OVERRUN");
        assertThat(overruns).hasSize(1);
        assertThat(overruns.get(0).path("occurrences").asInt()).isEqualTo(1);
        assertThat(overruns.get(0).path("bandId").asText()).isEqualTo(bandId);
        assertThat(board.received().stream()
                .filter(e -> e.path("alert").path("patientId").asText().equals(patient))
                .filter(e -> e.path("alert").path("type").asText().equals("BAND_TIME_OVERRUN"))
                .filter(e -> Set.of("RAISED", "OCCURRED").contains(e.path("kind").asText())))
                .as("overrun changes on the stream").hasSize(1);
        assertThat(overrunsOnTopic(bandId)).as("BandTimeOverrun events on session-events").isEqualTo(1);
    }

    private static void releaseAndComplete(String sessionId, String bandId) {
        as("physio1", "session-service").post("/api/sessions/" + sessionId + "/bands/" + bandId + "/release")
                .then().statusCode(200);
        as("physio1", "session-service").post("/api/sessions/" + sessionId + "/complete").then().statusCode(200);
    }

    private static long overrunsOnTopic(String bandId) {
        return KafkaTopics.readAll("session-events").stream()
                .map(r -> tree(r.value()))
                .filter(e -> e.path("type").asText().equals("BandTimeOverrun"))
                .filter(e -> e.path("data").path("bandId").asText().equals(bandId))
                .count();
    }

    // ---------------------------------------------------------------- 2. Kafka broker down for 30 s

    @Test
    @Order(2)
    void everyAlertCausedDuringAKafkaOutageArrivesOnceAfterIt() throws Exception {
        // sessions need eligibility, which the session-service learns from screening-events: screen before the outage
        String withSymptom = newPatient();
        String withDeviation = newPatient();
        String symptomSession = clearedSession(withSymptom);
        String deviationSession = clearedSession(withDeviation);
        String contraindicated = newPatient();
        String needsReview = newPatient();
        // screened and cleared while the broker is away: both events wait in the outbox and must leave in order
        String clearedDuringOutage = newPatient();

        Map<String, String> expected = Map.of(
                withSymptom, "ADVERSE_SYMPTOM",
                withDeviation, "GUIDELINE_DEVIATION",
                contraindicated, "CONTRAINDICATION_FLAGGED",
                needsReview, "CLEARANCE_REQUIRED",
                clearedDuringOutage, "CLEARANCE_REQUIRED");

        try (AlertStream board = new AlertStream(Tokens.of("clinician1")).awaitOpen()) {
            long stopBegan = System.nanoTime();
            faults.stop(KAFKA);
            long stoppedAt = System.nanoTime();
            report("Kafka stopped in %d ms", Duration.ofNanos(stoppedAt - stopBegan).toMillis());

            List<Long> writeMillis = new ArrayList<>();
            writeMillis.add(timedWrite(() -> screen("physio1", contraindicated, "[\"HISTORY_OF_THROMBOSIS\"]"),
                    r -> r.then().statusCode(201).body("outcome", equalTo("CONTRAINDICATED"))));
            writeMillis.add(timedWrite(() -> screen("physio1", needsReview, "[\"DIABETES\"]"),
                    r -> r.then().statusCode(201).body("outcome", equalTo("REVIEW_REQUIRED"))));
            writeMillis.add(timedWrite(() -> as("physio1", "session-service")
                            .body("{\"symptom\":\"DIZZINESS\"}")
                            .post("/api/sessions/" + symptomSession + "/symptoms"),
                    r -> r.then().statusCode(201)));
            writeMillis.add(timedWrite(() -> as("physio1", "session-service")
                            .body("{\"exercise\":\"LEG_PRESS\",\"limb\":\"LEFT_THIGH\",\"loadPercentOneRm\":60,\"reps\":15}")
                            .post("/api/sessions/" + deviationSession + "/sets"),
                    r -> r.then().statusCode(201)));
            String toClear = screen("physio1", clearedDuringOutage, "[\"DIABETES\"]")
                    .then().statusCode(201).body("outcome", equalTo("REVIEW_REQUIRED")).extract().path("id");
            writeMillis.add(timedWrite(() -> as("clinician1", "screening-service")
                            .body("{\"note\":\"Diabetes controlled\"}")
                            .post("/api/screenings/" + toClear + "/clearance"),
                    r -> r.then().statusCode(200)));
            report("API writes during the outage answered in %s ms", writeMillis);

            // the clinic's scenario is a fixed outage: nothing to wait for, the broker is simply away this long
            long remaining = OUTAGE.toNanos() - (System.nanoTime() - stoppedAt);
            if (remaining > 0) {
                TimeUnit.NANOSECONDS.sleep(remaining);
            }
            for (Map.Entry<String, String> cause : expected.entrySet()) {
                assertThat(board.received()).as("no alert can arrive while Kafka is down")
                        .noneMatch(e -> change(e, cause.getKey(), cause.getValue(), "RAISED"));
            }
            Duration kafkaStart = faults.start(KAFKA);
            long kafkaReadyAt = System.nanoTime();
            report("Kafka down for %d s, ready again %d ms after its start",
                    Duration.ofNanos(kafkaReadyAt - stoppedAt).toSeconds(), kafkaStart.toMillis());

            Map<String, String> alertIds = new HashMap<>();
            for (Map.Entry<String, String> cause : expected.entrySet()) {
                JsonNode raised = board.await(cause.getValue() + " caused during the outage",
                        e -> change(e, cause.getKey(), cause.getValue(), "RAISED"), Duration.ofSeconds(120));
                alertIds.put(cause.getKey(), raised.path("alert").path("id").asText());
            }
            report("all %d alerts caused during the outage on the stream %d ms after Kafka was ready",
                    expected.size(), Duration.ofNanos(System.nanoTime() - kafkaReadyAt).toMillis());

            for (Map.Entry<String, String> cause : expected.entrySet()) {
                List<JsonNode> alerts = alertsOf(cause.getKey(), null);
                assertThat(alerts).as("alerts of a patient with one cause").hasSize(1);
                assertThat(alerts.get(0).path("type").asText()).isEqualTo(cause.getValue());
                assertThat(alerts.get(0).path("occurrences").asInt()).isEqualTo(1);
            }
            awaitAllReady();
            Map<String, Long> raisedOnTopic = alertRaisedCounts();
            for (String alertId : alertIds.values()) {
                assertThat(raisedOnTopic.getOrDefault(alertId, 0L)).as("AlertRaised for " + alertId).isEqualTo(1);
            }
            assertThat(board.received().stream()
                    .filter(e -> expected.containsKey(e.path("alert").path("patientId").asText()))
                    .filter(e -> Set.of("RAISED", "OCCURRED").contains(e.path("kind").asText())))
                    .as("raised or occurred changes on the stream").hasSize(expected.size());

            // the clearance reached both services after the screening it clears, not before
            board.await("CLEARANCE_REQUIRED resolved by the clearance given during the outage",
                    e -> change(e, clearedDuringOutage, "CLEARANCE_REQUIRED", "RESOLVED"), ALERT_WAIT);
            String clearedSession = startSessionOnce(clearedDuringOutage, r -> r.statusCode() == 201,
                    Duration.ofSeconds(60)).then().statusCode(201).extract().path("id");
            as("physio1", "session-service").post("/api/sessions/" + clearedSession + "/complete")
                    .then().statusCode(200);
        }
        as("physio1", "session-service").post("/api/sessions/" + symptomSession + "/complete").then().statusCode(200);
        as("physio1", "session-service").post("/api/sessions/" + deviationSession + "/complete").then().statusCode(200);
    }

    private interface Call {
        Response call();
    }

    private interface Check {
        void check(Response response);
    }

    /** One API write with a socket timeout, so that a write that hangs fails the test instead of stalling it. */
    private static long timedWrite(Call call, Check check) {
        RestAssuredConfig previous = RestAssured.config;
        RestAssured.config = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", WRITE_TIMEOUT_MS)
                .setParam("http.connection.timeout", 5_000));
        try {
            long start = System.nanoTime();
            Response response = call.call();
            long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
            check.check(response);
            return took;
        } finally {
            RestAssured.config = previous;
        }
    }

    // ---------------------------------------------------------------- 3. alert-service crash mid-stream

    @Test
    @Order(3)
    void alertServiceCrashMidStreamLosesAndDoublesNothing() throws Exception {
        List<String> patients = List.of(newPatient(), newPatient(), newPatient());
        Map<String, String> sessions = new ConcurrentHashMap<>();
        for (String patient : patients) {
            sessions.put(patient, clearedSession(patient));
        }
        Set<String> ours = new HashSet<>(patients);
        Map<String, List<String>> posted = new ConcurrentHashMap<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService loop = Executors.newSingleThreadExecutor();

        AlertStream before = new AlertStream(Tokens.of("clinician1")).awaitOpen();
        List<String> catalogue = as("physio1", "session-service").get("/api/exercises")
                .then().statusCode(200).extract().jsonPath().getList("code", String.class);
        Future<?> writer = loop.submit(() -> {
            // each set above the load guideline is its own cause: a deviation per exercise of a session, so each
            // session takes every exercise of the catalogue once, and then the patient's next session goes on
            for (int i = 0; !stop.get(); i++) {
                String patient = patients.get(i % patients.size());
                int round = i / patients.size();
                String exercise = catalogue.get(round % catalogue.size());
                try {
                    if (round > 0 && round % catalogue.size() == 0) {
                        as("physio1", "session-service").post("/api/sessions/" + sessions.get(patient) + "/complete")
                                .then().statusCode(200);
                        sessions.put(patient, startSessionOnce(patient, r -> r.statusCode() == 201)
                                .then().statusCode(201).extract().path("id"));
                    }
                    Response r = as("physio1", "session-service")
                            .body("{\"exercise\":\"" + exercise + "\",\"limb\":\"RIGHT_ARM\",\"loadPercentOneRm\":55,\"reps\":12}")
                            .post("/api/sessions/" + sessions.get(patient) + "/sets");
                    if (r.statusCode() == 201) {
                        posted.computeIfAbsent(patient, p -> new CopyOnWriteArrayList<>()).add(exercise);
                    } else {
                        failures.add(r.statusCode() + " " + r.asString());
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException | AssertionError e) {
                    failures.add(e.toString());
                }
            }
        });
        List<JsonNode> seenBefore;
        List<JsonNode> seenAfter;
        try {
            // let alerts flow, then crash the alert-service in the middle of it
            awaitCondition("a few deviation alerts on the stream", () -> countRaised(before, ours) >= 4);
            faults.crash("alert-service");
            int postedAtKill = total(posted);
            seenBefore = before.received();
            before.close();
            String lastEventId = seenBefore.stream().map(e -> e.path("seq").asLong()).max(Long::compare)
                    .map(String::valueOf).orElseThrow();
            Thread.sleep(2_000);
            faults.restart("alert-service");
            int postedAtRestart = total(posted);

            try (AlertStream after = new AlertStream(Tokens.of("clinician1"), lastEventId).awaitOpen()) {
                // a little more traffic on the restarted service, then stop writing
                long moreUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < moreUntil) {
                    Thread.sleep(200);
                }
                stop.set(true);
                writer.get(60, TimeUnit.SECONDS);
                assertThat(failures).as("writes refused while the alert-service was away").isEmpty();
                int expected = total(posted);
                report("alert-service crash: %d sets before the kill, %d while it was down or starting, %d in all",
                        postedAtKill, postedAtRestart - postedAtKill, expected);

                awaitCondition("every deviation alert on the stream",
                        () -> countRaised(before, after, ours) >= expected);
                Thread.sleep(2_000);
                seenAfter = after.received();
            }
        } finally {
            stop.set(true);
            loop.shutdownNow();
            before.close();
        }

        for (String patient : patients) {
            List<JsonNode> alerts = alertsOf(patient, "GUIDELINE_DEVIATION");
            List<String> exercises = posted.getOrDefault(patient, List.of());
            assertThat(alerts).as("deviation alerts of one patient").hasSize(exercises.size());
            assertThat(alerts).allSatisfy(a -> assertThat(a.path("occurrences").asInt()).isEqualTo(1));
            assertThat(alerts.stream().map(a -> a.path("dedupKey").asText()).distinct()).hasSize(exercises.size());
            for (String exercise : exercises) {
                // the message names the exercise in words: " on squat (" is not found in " on split squat ("
                String named = " on " + exercise.replace('_', ' ').toLowerCase(Locale.ROOT) + " (";
                assertThat(alerts).as("the alert for " + exercise)
                        .anyMatch(a -> a.path("message").asText().contains(named));
            }
        }

        List<JsonNode> stream = new ArrayList<>(seenBefore);
        stream.addAll(seenAfter);
        List<Long> seqs = stream.stream().map(e -> e.path("seq").asLong()).toList();
        assertThat(seqs).as("change ids on the stream, before the crash and after reconnecting").doesNotHaveDuplicates();
        List<String> raisedIds = stream.stream()
                .filter(e -> ours.contains(e.path("alert").path("patientId").asText()))
                .filter(e -> e.path("kind").asText().equals("RAISED"))
                .map(e -> e.path("alert").path("id").asText())
                .toList();
        assertThat(raisedIds).doesNotHaveDuplicates().hasSize(total(posted));
        assertThat(stream).noneMatch(e -> ours.contains(e.path("alert").path("patientId").asText())
                && e.path("kind").asText().equals("OCCURRED"));

        for (String patient : patients) {
            as("physio1", "session-service").post("/api/sessions/" + sessions.get(patient) + "/complete")
                    .then().statusCode(200);
        }
    }

    private static int total(Map<String, List<String>> posted) {
        return posted.values().stream().mapToInt(List::size).sum();
    }

    private static long countRaised(AlertStream stream, Set<String> patients) {
        return raised(stream.received(), patients).size();
    }

    private static long countRaised(AlertStream first, AlertStream second, Set<String> patients) {
        List<JsonNode> all = new ArrayList<>(first.received());
        all.addAll(second.received());
        return raised(all, patients).size();
    }

    private static Set<String> raised(List<JsonNode> changes, Set<String> patients) {
        return changes.stream()
                .filter(e -> patients.contains(e.path("alert").path("patientId").asText()))
                .filter(e -> e.path("kind").asText().equals("RAISED"))
                .map(e -> e.path("alert").path("id").asText())
                .collect(Collectors.toSet());
    }

    // ---------------------------------------------------------------- 4. poison records

    @Test
    @Order(4)
    void poisonRecordsGoToTheDeadLetterTopicsAndProcessingContinues() throws Exception {
        String screened = newPatient();
        String inSession = newPatient();
        String sessionId = clearedSession(inSession);

        String notJson = "this is not JSON " + UUID.randomUUID();
        String incompleteScreening = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"ScreeningCompleted\","
                + "\"source\":\"screening-service\",\"patientId\":\"" + screened + "\"}";
        String incompleteSession = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"SymptomReported\","
                + "\"source\":\"session-service\",\"patientId\":\"" + inSession + "\"}";
        // same keys as the valid events that follow: same partition, so they are read after the poison
        KafkaTopics.send("screening-events", screened, notJson);
        KafkaTopics.send("screening-events", screened, incompleteScreening);
        KafkaTopics.send("session-events", inSession, notJson);
        KafkaTopics.send("session-events", inSession, incompleteSession);

        screen("physio1", screened, "[\"HISTORY_OF_THROMBOSIS\"]").then().statusCode(201);
        as("physio1", "session-service").body("{\"symptom\":\"PAIN\"}")
                .post("/api/sessions/" + sessionId + "/symptoms").then().statusCode(201);
        awaitAlerts(screened, "CONTRAINDICATION_FLAGGED", 1);
        awaitAlerts(inSession, "ADVERSE_SYMPTOM", 1);

        // screening-events has two consumers (session-service, alert-service): each dead-letters what it cannot read
        assertDeadLettered("screening-events", notJson, 2);
        assertDeadLettered("screening-events", incompleteScreening, 2);
        assertDeadLettered("session-events", notJson, 1);
        assertDeadLettered("session-events", incompleteSession, 1);

        assertThat(alertsOf(screened, null)).as("alerts of the poisoned patient").hasSize(1);
        assertThat(alertsOf(inSession, null)).as("alerts of the poisoned session").hasSize(1);
        as("physio1", "session-service").post("/api/sessions/" + sessionId + "/complete").then().statusCode(200);
    }

    private static void assertDeadLettered(String topic, String value, int consumers) throws InterruptedException {
        String dlq = topic + ".dlq";
        List<ConsumerRecord<String, String>> found = List.of();
        long deadline = System.nanoTime() + ALERT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            found = KafkaTopics.readAll(dlq).stream().filter(r -> value.equals(r.value())).toList();
            if (found.size() >= consumers) {
                break;
            }
            Thread.sleep(500);
        }
        // once more after a pause: a record dead-lettered twice by one consumer would show now
        Thread.sleep(1_000);
        found = KafkaTopics.readAll(dlq).stream().filter(r -> value.equals(r.value())).toList();
        assertThat(found).as("records on " + dlq + " with the poison's value").hasSize(consumers);
        for (ConsumerRecord<String, String> record : found) {
            String reason = KafkaTopics.header(record, "dead-letter-reason");
            report("%s: %s", dlq, reason);
            assertThat(reason).as("dead-letter reason").isNotBlank();
            assertThat(KafkaTopics.header(record, "dead-letter-topic")).isEqualTo(topic);
        }
    }

    // ---------------------------------------------------------------- 5. replay by a fresh consumer group

    @Test
    @Order(5)
    void replayFromTheBeginningByAFreshGroupChangesNothing() throws Exception {
        Map<String, Integer> occurrencesBefore = allOccurrences();
        Map<String, Long> raisedBefore = alertRaisedCounts();
        String group = "alert-service-replay-" + UUID.randomUUID().toString().substring(0, 8);
        // the alert-service's Kafka user reads in its own group only: the operator grants the replay's group first
        KafkaTopics.allowGroup("alert-service", group);
        try {
            faults.restart("alert-service", Map.of(
                    "MP_MESSAGING_INCOMING_SCREENING_EVENTS_GROUP_ID", group,
                    "MP_MESSAGING_INCOMING_SESSION_EVENTS_GROUP_ID", group));
            long readyAt = System.nanoTime();
            Map<String, Long> lag = awaitCaughtUp(group);
            report("replay group %s caught up %d ms after the alert-service was ready (lag %s)", group,
                    Duration.ofNanos(System.nanoTime() - readyAt).toMillis(), lag);

            assertThat(allOccurrences()).as("alerts and their occurrence counts after the replay")
                    .isEqualTo(occurrencesBefore);
            assertThat(alertRaisedCounts()).as("AlertRaised events after the replay").isEqualTo(raisedBefore);
            report("replay of both topics: %d alerts, none added, no occurrence counted", occurrencesBefore.size());
        } finally {
            faults.restart("alert-service");
        }
        awaitCaughtUp("alert-service");
    }

    /** Waits until {@code group} has committed on both input topics and is behind on neither. */
    private static Map<String, Long> awaitCaughtUp(String group) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Map<String, Long> lag = Map.of();
        while (System.nanoTime() < deadline) {
            lag = KafkaTopics.lag(group, INPUT_TOPICS);
            if (lag.keySet().containsAll(INPUT_TOPICS) && lag.values().stream().allMatch(l -> l == 0)) {
                return lag;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("group " + group + " did not catch up within 120 s: lag " + lag);
    }

    private static Map<String, Integer> allOccurrences() throws IOException {
        JsonNode alerts = JSON.readTree(as("clinician1", "alert-service").queryParam("limit", 500)
                .get("/api/alerts").then().statusCode(200).extract().asString());
        assertThat(alerts.size()).as("alerts fit in one page").isLessThan(500);
        Map<String, Integer> occurrences = new HashMap<>();
        alerts.forEach(a -> occurrences.put(a.path("id").asText(), a.path("occurrences").asInt()));
        return occurrences;
    }

    // ---------------------------------------------------------------- 6. PostgreSQL down while a band is on

    @Test
    @Order(6)
    void aDatabaseOutageAnswers503AndTheOverrunDueMeanwhileIsRaisedOnceAfterIt() throws Exception {
        String patient = newPatient();
        String refusedPatient = newPatient();
        String sessionId = clearedSession(patient);
        String setBody = "{\"exercise\":\"LEG_PRESS\",\"limb\":\"LEFT_THIGH\",\"loadPercentOneRm\":30,\"reps\":15}";
        try (AlertStream board = new AlertStream(Tokens.of("clinician1")).awaitOpen()) {
            Response applied = applyBand(sessionId);
            String bandId = applied.jsonPath().getString("bandId");
            Instant deadline = Instant.parse(applied.jsonPath().getString("deadline"));

            long stopBegan = System.nanoTime();
            faults.stop(POSTGRES);
            long stoppedAt = System.nanoTime();
            report("PostgreSQL stopped in %d ms, %d ms before the band's deadline",
                    Duration.ofNanos(stoppedAt - stopBegan).toMillis(),
                    Duration.between(Instant.now(), deadline).toMillis());

            // every service answers at once, with a problem the client can act on, and stores nothing
            List<Long> refusedMillis = new ArrayList<>();
            refusedMillis.add(timedWrite(() -> as("physio1", "session-service").body(setBody)
                    .post("/api/sessions/" + sessionId + "/sets"), FaultsIT::unavailable));
            refusedMillis.add(timedWrite(() -> as("physio1", "session-service")
                    .get("/api/sessions/" + sessionId), FaultsIT::unavailable));
            refusedMillis.add(timedWrite(() -> screen("physio1", refusedPatient, "[\"HISTORY_OF_THROMBOSIS\"]"),
                    FaultsIT::unavailable));
            refusedMillis.add(timedWrite(() -> as("clinician1", "alert-service")
                    .queryParam("patientId", patient).get("/api/alerts"), FaultsIT::unavailable));
            report("API calls during the outage answered 503 in %s ms", refusedMillis);
            for (String service : LocalStack.SERVICES) {
                assertThat(readiness(service)).as(service + " readiness while its database is down").isEqualTo(503);
            }

            long remaining = DATABASE_OUTAGE.toNanos() - (System.nanoTime() - stoppedAt);
            if (remaining > 0) {
                TimeUnit.NANOSECONDS.sleep(remaining);
            }
            assertThat(Instant.now()).as("the deadline passed during the outage").isAfter(deadline);
            assertThat(board.received()).as("no overrun can be raised while the database is down")
                    .noneMatch(e -> change(e, patient, "BAND_TIME_OVERRUN", "RAISED"));

            Duration start = faults.start(POSTGRES);
            long readyAt = System.nanoTime();
            JsonNode raised = board.await("BAND_TIME_OVERRUN after the outage",
                    e -> change(e, patient, "BAND_TIME_OVERRUN", "RAISED"), ALERT_WAIT);
            Duration afterReady = Duration.ofNanos(board.arrivedAtNanos(raised) - readyAt);
            report("database down for %d s (started again in %d ms); overrun on the alert stream %d ms after it was"
                            + " ready", Duration.ofNanos(readyAt - stoppedAt).toSeconds(), start.toMillis(),
                    afterReady.toMillis());
            assertThat(afterReady).as("overrun soon after the database is back").isLessThan(Duration.ofSeconds(15));

            // the set refused during the outage was not stored; the physiotherapist's retry is
            long retryBegan = System.nanoTime();
            Response retried = awaitStatus(() -> as("physio1", "session-service").body(setBody)
                    .post("/api/sessions/" + sessionId + "/sets"), 201);
            report("first write accepted %d ms after the database was ready (%d ms after the first try)",
                    Duration.ofNanos(System.nanoTime() - readyAt).toMillis(),
                    Duration.ofNanos(System.nanoTime() - retryBegan).toMillis());
            assertThat(retried.jsonPath().getInt("setNumber")).isEqualTo(1);
            as("physio1", "session-service").get("/api/sessions/" + sessionId)
                    .then().statusCode(200).body("sets.size()", equalTo(1));

            awaitAllReady();
            Thread.sleep(3_000);
            assertOneOverrun(board, patient, bandId);
            assertThat(alertsOf(refusedPatient, null)).as("alerts of the screening refused during the outage")
                    .isEmpty();

            releaseAndComplete(sessionId, bandId);
        }
    }

    // ---------------------------------------------------------------- 7. alert-service stopped in a burst

    /**
     * A rolling update stops a replica while its consumers are busy. Each event it had taken but not finished must
     * be applied later (by it after its restart, or by the other replica), never dead-lettered because the database
     * went away under it while it stopped.
     */
    @Test
    @Order(7)
    void anAlertServiceStoppedInABurstAppliesEveryEventOnceAndDeadLettersNone() throws Exception {
        int burst = 4_000;
        Map<TopicPartition, Long> dlqBefore = KafkaTopics.endOffsets("session-events.dlq");
        String patient = newPatient();
        List<UUID> ids = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < burst; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            // a release of a band nobody raised an alert for: applied (recorded as processed), raises nothing
            values.add(JSON.writeValueAsString(Map.of("id", id, "type", "BandReleased", "source", "session-service",
                    "time", now.toString(), "patientId", patient, "data", Map.of(
                            "sessionId", UUID.randomUUID(), "bandId", UUID.randomUUID(), "limb", "LEFT_ARM",
                            "appliedAt", now.minusSeconds(60).toString(), "releasedAt", now.toString(),
                            "deadline", now.plusSeconds(600).toString(), "wornSeconds", 60,
                            "releasedBy", "physio1"))));
        }
        // one key per event: the burst spreads over every partition, so every consumer copy is busy when it stops
        KafkaTopics.sendAll("session-events", values, i -> UUID.randomUUID().toString());

        awaitCondition("the alert-service busy with the burst", () -> applied(ids) >= burst / 10);
        long appliedAtStop = applied(ids);
        faults.stop("alert-service");
        long appliedWhenStopped = applied(ids);
        faults.restart("alert-service");
        awaitCondition("every event of the burst applied", () -> applied(ids) == burst);
        report("alert-service stopped in a burst of %d: %d applied when it was told to stop, %d when it had stopped",
                burst, appliedAtStop, appliedWhenStopped);
        assertThat(appliedWhenStopped).as("events applied when it had stopped: it stopped mid-burst")
                .isLessThan(burst);

        Set<String> ours = ids.stream().map(UUID::toString).collect(Collectors.toSet());
        List<String> deadLettered = KafkaTopics.read("session-events.dlq", dlqBefore,
                        KafkaTopics.endOffsets("session-events.dlq")).stream()
                .filter(r -> ours.contains(tree(r.value()).path("id").asText()))
                .map(r -> KafkaTopics.header(r, "dead-letter-reason"))
                .toList();
        assertThat(deadLettered).as("events of the burst dead-lettered (their reasons)").isEmpty();
        assertThat(alertsOf(patient, null)).as("alerts of the patient whose releases matched nothing").isEmpty();
    }

    /** How many of {@code ids} the alert-service has recorded as applied (each at most once: the table's key). */
    private static long applied(List<UUID> ids) {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:"
                        + E2EStack.get().settings().postgresPort() + "/alert", "postgres", "");
                PreparedStatement query = db.prepareStatement("select count(*) from processed_event "
                        + "where consumer = 'alert-service' and event_id = any(?)")) {
            query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a client gets while a service's database is down: 503 problem+json that says when to try again. */
    private static void unavailable(Response response) {
        response.then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("status", equalTo(503));
    }

    /** Calls until the answer has {@code status}: pooled connections that died with the database go first. */
    private static Response awaitStatus(Call call, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response response = call.call();
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            assertThat(response.statusCode()).as("answer while the service reconnects: " + response.asString())
                    .isEqualTo(503);
            Thread.sleep(500);
            response = call.call();
        }
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        return response;
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, Long> alertRaisedCounts() {
        return KafkaTopics.readAll("alert-events").stream()
                .map(r -> tree(r.value()))
                .filter(e -> e.path("type").asText().equals("AlertRaised"))
                .collect(Collectors.groupingBy(e -> e.path("data").path("alertId").asText(), Collectors.counting()));
    }

    /**
     * A patient screened CLEARED and in a started session. The session-service learns eligibility from events, and
     * right after a fault its consumer may still be rejoining its group (up to the consumers' 10 s session timeout
     * for a member that was killed): hence the patience.
     */
    private static String clearedSession(String patient) throws InterruptedException {
        screen("physio1", patient, "[]").then().statusCode(201).body("outcome", equalTo("CLEARED"));
        Response started = startSessionOnce(patient, r -> r.statusCode() == 201, Duration.ofSeconds(60));
        return started.then().statusCode(201).extract().path("id");
    }

    private static List<JsonNode> alertsOf(String patient, String type) throws IOException {
        JsonNode alerts = JSON.readTree(as("clinician1", "alert-service").queryParam("patientId", patient)
                .queryParam("limit", 500).get("/api/alerts").then().statusCode(200).extract().asString());
        List<JsonNode> matching = new ArrayList<>();
        alerts.forEach(a -> {
            if (type == null || a.path("type").asText().equals(type)) {
                matching.add(a);
            }
        });
        return matching;
    }

    private static void awaitAlerts(String patient, String type, int count) throws Exception {
        long deadline = System.nanoTime() + ALERT_WAIT.toNanos();
        while (alertsOf(patient, type).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + type + " alert within " + ALERT_WAIT.toSeconds() + " s");
            }
            Thread.sleep(300);
        }
    }

    private static boolean change(JsonNode change, String patientId, String type, String kind) {
        JsonNode alert = change.path("alert");
        return alert.path("patientId").asText().equals(patientId) && alert.path("type").asText().equals(type)
                && change.path("kind").asText().equals(kind);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException | RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    private static void awaitCondition(String what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + ALERT_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + ALERT_WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static final HttpClient HEALTH = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The status of a service's readiness check; 0 when it does not answer. */
    private static int readiness(String service) throws InterruptedException {
        try {
            return HEALTH.send(HttpRequest.newBuilder(URI.create(E2EStack.url(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Waits until every service answers its readiness check (database and Kafka). */
    private static void awaitAllReady() throws Exception {
        for (String service : LocalStack.SERVICES) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int status = readiness(service);
            while (status != 200 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                status = readiness(service);
            }
            assertThat(status).as(service + " ready").isEqualTo(200);
        }
    }

    private static void report(String format, Object... args) {
        System.out.println("[faults] " + String.format(format, args));
    }
}
