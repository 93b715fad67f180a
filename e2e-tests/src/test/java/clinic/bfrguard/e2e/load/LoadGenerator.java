package clinic.bfrguard.e2e.load;

import clinic.bfrguard.e2e.E2EStack;
import clinic.bfrguard.e2e.Tokens;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load: virtual physiotherapists running BFR sessions through the session API, each on its own keep-alive
 * connection, and the alerts those sessions deserve, read from the answers.
 * <p>
 * Each user runs one session after another, taking its patients in turn: start, band on the left thigh, a set at
 * 30 % 1RM and one at 45 % (a guideline deviation), a symptom (every fifth session the same symptom twice: one alert,
 * two occurrences), band released (long before the suite's 4 s warning), session completed. The expected alerts
 * are every deviation an answer lists (load, and reperfusion when the patient's previous band came off less than
 * 3 minutes earlier), every symptom, and a band-time warning or overrun for a band whose session answer says one
 * was raised. The first {@link LoadPlan#heldBandUsers()} users leave each band on until just past its deadline, so
 * that the band timer raises a warning and an overrun for it.
 */
final class LoadGenerator implements AutoCloseable {

    /** How long past its deadline a held band stays on, so that the overrun is due before the release. */
    private static final Duration HELD_PAST_DEADLINE = Duration.ofMillis(500);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    static final List<String> CALL_TYPES = List.of("start", "apply band", "log set", "report symptom",
            "release band", "complete");
    private static final List<String> SYMPTOMS = List.of("PAIN", "TINGLING", "OTHER");

    /** The causes of one expected alert: start nanos and response nanos of each call that caused it. */
    record Expected(List<long[]> causes) {
    }

    private record Call(int status, JsonNode body, long started, long answered) {
    }

    /** One virtual physiotherapist: its patients, its connection, how far it got. */
    private static final class User {
        final List<String> patients;
        final boolean holdsBands;
        KeepAliveConnection connection;
        int round;
        long nextCall;

        User(List<String> patients, boolean holdsBands) {
            this.patients = patients;
            this.holdsBands = holdsBands;
            this.connection = new KeepAliveConnection(URI.create(E2EStack.url("session-service")),
                    (int) CALL_TIMEOUT.toMillis());
        }
    }

    private final LoadPlan plan;
    private final HttpClient http;
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final List<String> failureSamples = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger notYetScreened = new AtomicInteger();
    /** Dedup key of every expected alert → its causes. */
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final List<String> patients;
    private final List<User> users = new ArrayList<>();
    private final ExecutorService threads;
    private final ScheduledExecutorService renewal;
    private final List<Future<?>> running = new ArrayList<>();
    /**
     * The users' token, renewed in the background every minute: a login costs Keycloak a password hash, and users
     * that all found their token old at once would stall the run (and inflate its latencies) while they wait.
     */
    private volatile String physioToken;

    /** Screens every user's patients (all eligible) and gets the users ready; none calls yet. */
    LoadGenerator(LoadPlan plan, HttpClient http) throws Exception {
        this.plan = plan;
        this.http = http;
        this.patients = screenPatients(plan.users() * plan.patientsPerUser());
        for (int u = 0; u < plan.users(); u++) {
            users.add(new User(patients.subList(u * plan.patientsPerUser(), (u + 1) * plan.patientsPerUser()),
                    u < plan.heldBandUsers()));
        }
        threads = Executors.newFixedThreadPool(plan.users(), r -> {
            Thread thread = new Thread(r, "load-user");
            thread.setDaemon(true);
            return thread;
        });
        physioToken = Tokens.of("physio1");
        renewal = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "load-token-renewal");
            thread.setDaemon(true);
            return thread;
        });
        renewal.scheduleWithFixedDelay(() -> {
            try {
                physioToken = Tokens.of("physio1");
            } catch (RuntimeException e) {
                fail("token renewal", e.toString());
            }
        }, 1, 1, TimeUnit.MINUTES);
    }

    List<String> patients() {
        return patients;
    }

    /** Dedup key of every alert the sessions so far deserve → its causes. */
    Map<String, Expected> expected() {
        return expected;
    }

    /** Failed calls by call type. */
    Map<String, AtomicInteger> failures() {
        return failures;
    }

    /** The first few failures, as examples. */
    List<String> failureSamples() {
        return failureSamples;
    }

    /** Session starts retried because the session-service had not yet learnt of the patient's screening. */
    int notYetScreened() {
        return notYetScreened.get();
    }

    /**
     * Spreads the users over {@code sessionServices} (replicas of the session-service), in turn, each on a new
     * connection; between phases only.
     */
    void spreadOver(List<URI> sessionServices) {
        for (int u = 0; u < users.size(); u++) {
            User user = users.get(u);
            user.connection.close();
            user.connection = new KeepAliveConnection(sessionServices.get(u % sessionServices.size()),
                    (int) CALL_TIMEOUT.toMillis());
        }
    }

    /** Sets every user going on {@code phase} until {@code duration} is over; returns at once. */
    void begin(Phase phase, Duration duration) {
        phase.start = System.nanoTime();
        phase.deadline = phase.start + duration.toNanos();
        running.clear();
        for (User user : users) {
            user.nextCall = phase.start + (phase.callInterval == 0 ? 0
                    : ThreadLocalRandom.current().nextLong(phase.callInterval));
            running.add(threads.submit(() -> sessions(user, phase)));
        }
    }

    /** Waits until every user has finished the session it was in when the phase ended. */
    void awaitEnd(Phase phase, Duration duration) throws Exception {
        for (Future<?> user : running) {
            user.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
        }
        phase.end = System.nanoTime();
    }

    @Override
    public void close() {
        threads.shutdownNow();
        renewal.shutdownNow();
        users.forEach(user -> user.connection.close());
    }

    /** One virtual user's sessions until the phase ends. */
    private void sessions(User user, Phase phase) {
        while (System.nanoTime() < phase.deadline) {
            String patient = user.patients.get(user.round % user.patients.size());
            try {
                session(user, phase, patient, user.round);
            } catch (IOException | RuntimeException e) {
                fail("session", e.toString());
            }
            user.round++;
        }
    }

    private void session(User user, Phase phase, String patient, int round) throws IOException {
        String symptom = SYMPTOMS.get(round % SYMPTOMS.size());
        boolean twice = round % 5 == 4;
        Call started = startSession(user, phase, patient);
        if (started == null) {
            return;
        }
        String sessionId = started.body().path("id").asText();
        String base = "/api/sessions/" + sessionId;
        Call applied = post(user, phase, "apply band", base + "/bands", "{\"limb\":\"LEFT_THIGH\",\"perceivedPressure\":6}");
        if (ok(phase, applied, "apply band", 201)) {
            expectDeviations(phase, sessionId, patient, applied);
            String bandId = applied.body().path("bandId").asText();
            for (int load : new int[] {30, 45}) {
                Call set = post(user, phase, "log set", base + "/sets", "{\"exercise\":\"LEG_PRESS\","
                        + "\"limb\":\"LEFT_THIGH\",\"loadPercentOneRm\":" + load + ",\"reps\":" + (load == 30 ? 30 : 15)
                        + "}");
                if (ok(phase, set, "log set", 201)) {
                    expectDeviations(phase, sessionId, patient, set);
                }
            }
            symptom(user, phase, base, sessionId, patient, symptom);
            if (twice) {
                symptom(user, phase, base, sessionId, patient, symptom);
            }
            if (user.holdsBands) {
                holdUntil(Instant.parse(applied.body().path("deadline").asText()).plus(HELD_PAST_DEADLINE));
            }
            ok(phase, post(user, phase, "release band", base + "/bands/" + bandId + "/release", null),
                    "release band", 200);
        }
        complete(user, phase, base, patient);
    }

    private static void holdUntil(Instant until) {
        long wait = Duration.between(Instant.now(), until).toNanos();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** The session-service learns of a screening from its event: a 409 "not screened" before that is retried. */
    private Call startSession(User user, Phase phase, String patient) throws IOException {
        while (true) {
            Call call = post(user, phase, "start", "/api/sessions", "{\"patientId\":\"" + patient + "\"}");
            if (call.status() == 409 && call.body().path("detail").asText().contains("screened")) {
                notYetScreened.incrementAndGet();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            return ok(phase, call, "start", 201) ? call : null;
        }
    }

    private void symptom(User user, Phase phase, String base, String sessionId, String patient, String symptom)
            throws IOException {
        Call call = post(user, phase, "report symptom", base + "/symptoms", "{\"symptom\":\"" + symptom + "\"}");
        if (ok(phase, call, "report symptom", 201)) {
            expect("ADVERSE_SYMPTOM:" + sessionId + ":" + symptom, patient, call);
        }
    }

    private void complete(User user, Phase phase, String base, String patient) throws IOException {
        Call call = post(user, phase, "complete", base + "/complete", null);
        if (ok(phase, call, "complete", 200)) {
            phase.sessions.incrementAndGet();
            for (JsonNode band : call.body().path("bands")) {
                // a band that outlived its warning time (or its limit): the timer's alert is due
                if (band.hasNonNull("warningRaisedAt")) {
                    expect("BAND_TIME_WARNING:" + band.path("bandId").asText(), patient, call);
                    phase.warningsLate.add(between(band.path("warnAt"), band.path("warningRaisedAt")));
                }
                if (band.hasNonNull("overrunRaisedAt")) {
                    String key = "BAND_TIME_OVERRUN:" + band.path("bandId").asText();
                    expect(key, patient, call);
                    phase.overrunsLate.add(between(band.path("deadline"), band.path("overrunRaisedAt")));
                    phase.overrunDeadlines.put(key, Instant.parse(band.path("deadline").asText()));
                }
            }
        }
    }

    private static long between(JsonNode from, JsonNode to) {
        return Duration.between(Instant.parse(from.asText()), Instant.parse(to.asText())).toNanos();
    }

    private void expectDeviations(Phase phase, String sessionId, String patient, Call call) {
        for (JsonNode deviation : call.body().path("deviations")) {
            String rule = deviation.path("rule").asText();
            String limb = deviation.path("limb").asText("");
            String exercise = deviation.path("exercise").asText("");
            boolean aboutExercise = rule.equals("LOAD") || rule.equals("SETS_PER_EXERCISE");
            String subject = aboutExercise ? firstPresent(exercise, limb) : firstPresent(limb, exercise);
            expect("GUIDELINE_DEVIATION:" + sessionId + ":" + rule + ":" + subject, patient, call);
            countEvent(phase, call);
        }
    }

    private static String firstPresent(String preferred, String fallback) {
        return !preferred.isBlank() && !preferred.equals("null") ? preferred
                : !fallback.isBlank() && !fallback.equals("null") ? fallback : "-";
    }

    private void expect(String key, String patient, Call cause) {
        expected.computeIfAbsent(key, k -> new Expected(Collections.synchronizedList(new ArrayList<>())))
                .causes().add(new long[] {cause.started(), cause.answered()});
    }

    private boolean ok(Phase phase, Call call, String type, int status) {
        if (call.status() == status) {
            countEvent(phase, call);
            return true;
        }
        fail(type, call.status() + " " + call.body());
        return false;
    }

    private static void countEvent(Phase phase, Call call) {
        phase.events.incrementAndGet();
        phase.eventsPerSecond.computeIfAbsent((call.answered() - phase.start) / 1_000_000_000L,
                s -> new AtomicLong()).incrementAndGet();
    }

    private void fail(String type, String what) {
        failures.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
        if (failureSamples.size() < 10) {
            failureSamples.add(type + ": " + what);
        }
    }

    /** One call, at the user's next slot when the phase is paced. */
    private Call post(User user, Phase phase, String type, String path, String body) throws IOException {
        if (phase.callInterval > 0) {
            long wait = user.nextCall - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            // a user that fell behind does not hurry to catch up: the offered rate stays steady
            user.nextCall = Math.max(user.nextCall, System.nanoTime() - phase.callInterval) + phase.callInterval;
        }
        String token = physioToken;
        long started = System.nanoTime();
        KeepAliveConnection.Answer answer = user.connection.post(path, token, body);
        long answered = System.nanoTime();
        phase.calls.incrementAndGet();
        phase.callNanos.computeIfAbsent(type, t -> new ConcurrentLinkedQueue<>()).add(answered - started);
        return new Call(answer.status(), Json.parse(answer.body()), started, answered);
    }

    private List<String> screenPatients(int count) throws Exception {
        List<String> patients = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> screenings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String patient = "LOAD-" + UUID.randomUUID().toString().substring(0, 8);
            patients.add(patient);
            screenings.add(http.sendAsync(HttpRequest.newBuilder(
                                    URI.create(E2EStack.url("screening-service") + "/api/screenings"))
                            .timeout(CALL_TIMEOUT)
                            .header("Authorization", "Bearer " + Tokens.of("physio1"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"patientId\":\"" + patient
                                    + "\",\"systolic\":122,\"diastolic\":78,\"conditions\":[]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> screening : screenings) {
            HttpResponse<String> response = screening.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as("screening: %s", response.body()).isEqualTo(201);
            assertThat(Json.parse(response.body()).path("outcome").asText()).isEqualTo("CLEARED");
        }
        return patients;
    }
}
