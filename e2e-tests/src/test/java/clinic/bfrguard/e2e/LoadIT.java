package clinic.bfrguard.e2e;

import clinic.bfrguard.stack.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load run (a benchmark, not a timed test): virtual physiotherapists run BFR sessions through the session API, then
 * the run checks that every alert the sessions deserve exists exactly once and no other. Throughput, latency, CPU
 * and memory are printed and written to {@code target/load-report.txt}, never asserted.
 * <p>
 * Three phases follow each other, the pipeline drained between them: a warm-up ({@code bfr.load.warmup}, not
 * reported) that lets the JVMs compile the hot paths; a capacity phase ({@code bfr.load.duration}) in which every
 * user calls again as soon as it has its answer, so the system runs at the most it can do on this machine; and a
 * paced phase ({@code bfr.load.paced-duration}) offering a steady {@code bfr.load.paced-share} of the capacity
 * phase's call rate, where alert latency shows what a clinician sees below saturation.
 * <p>
 * Each virtual user owns {@code bfr.load.patients-per-user} screened (eligible) patients and one keep-alive
 * connection, and runs one session after another, taking its patients in turn: start, band on the left thigh, a
 * set at 30 % 1RM and one at 45 % (a guideline deviation), a symptom (every fifth session the same symptom twice:
 * one alert, two occurrences), band released (long before the suite's 4 s warning), session completed. The
 * expected alerts come from the answers: every deviation an answer lists (load, and reperfusion when the patient's
 * previous band came off less than 3 minutes earlier), every symptom, and a band-time warning for a band whose
 * session answer says one was raised.
 * <p>
 * The first {@code bfr.load.held-band-users} users leave each band on until just past its deadline (the suite's
 * 8 s) before they release it, so that the band timer raises a warning and an overrun for it on a saturated
 * machine. Each phase reports how late the timer raised them and when the overrun reached the clinician's stream,
 * measured from the times in the answers (the band's warning time and deadline).
 */
class LoadIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WARMUP = Duration.parse(System.getProperty("bfr.load.warmup", "PT30S"));
    private static final Duration DURATION = Duration.parse(System.getProperty("bfr.load.duration", "PT60S"));
    private static final Duration PACED_DURATION =
            Duration.parse(System.getProperty("bfr.load.paced-duration", "PT60S"));
    private static final double PACED_SHARE = Double.parseDouble(System.getProperty("bfr.load.paced-share", "0.5"));
    private static final int USERS = Integer.getInteger("bfr.load.users", 24);
    private static final int PATIENTS_PER_USER = Integer.getInteger("bfr.load.patients-per-user", 4);
    private static final int HELD_BAND_USERS = Integer.getInteger("bfr.load.held-band-users", 2);
    /** How long past its deadline a held band stays on, so that the overrun is due before the release. */
    private static final Duration HELD_PAST_DEADLINE = Duration.ofMillis(500);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
    private static final String SESSION_EVENTS = "session-events";
    private static final String SCREENING_EVENTS = "screening-events";
    private static final List<String> COMPONENTS = List.of("screening-service", "session-service", "alert-service",
            "web-console", "kafka", "keycloak", "postgres");
    private static final List<String> CALL_TYPES = List.of("start", "apply band", "log set", "report symptom",
            "release band", "complete");
    private static final List<String> SYMPTOMS = List.of("PAIN", "TINGLING", "OTHER");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final List<String> failureSamples = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger notYetScreened = new AtomicInteger();
    /** Dedup key of every expected alert → its causes (start nanos and response nanos of each call). */
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final Map<String, String> patientOfKey = new ConcurrentHashMap<>();
    /**
     * The users' token, renewed in the background every minute: a login costs Keycloak a password hash, and users
     * that all found their token old at once would stall the run (and inflate its latencies) while they wait.
     */
    private volatile String physioToken;

    private record Expected(List<long[]> causes) {
    }

    private record Call(int status, JsonNode body, long started, long answered) {
    }

    /** One virtual physiotherapist: its patients, its connection, how far it got. */
    private static final class User {
        final List<String> patients;
        final boolean holdsBands;
        final KeepAliveConnection connection;
        int round;
        long nextCall;

        User(List<String> patients, boolean holdsBands) {
            this.patients = patients;
            this.holdsBands = holdsBands;
            this.connection = new KeepAliveConnection(URI.create(E2EStack.url("session-service")),
                    (int) CALL_TIMEOUT.toMillis());
        }
    }

    /** What one phase measured. */
    private static final class Phase {
        final String name;
        /** Nanoseconds between two calls of one user; 0 for as fast as the answers come. */
        final long callInterval;
        final Map<String, ConcurrentLinkedQueue<Long>> callNanos = new ConcurrentHashMap<>();
        final Map<Long, AtomicLong> eventsPerSecond = new ConcurrentHashMap<>();
        final AtomicLong events = new AtomicLong();
        final AtomicLong calls = new AtomicLong();
        final AtomicLong sessions = new AtomicLong();
        final Map<String, Long> rss = new LinkedHashMap<>();
        final Map<String, Double> cpuSeconds = new LinkedHashMap<>();
        /** PostgreSQL's counters over the phase and its drain, by database. */
        Map<String, PostgresCounters.Counters> database = Map.of();
        long start;
        long end;
        long deadline;
        /** When the pipeline had caught up after the phase. */
        long drained;
        long topicEvents;
        List<Long> relayDelays = List.of();
        /** Band timer: how late each warning and overrun was raised (service clocks), in nanoseconds. */
        final Queue<Long> warningsLate = new ConcurrentLinkedQueue<>();
        final Queue<Long> overrunsLate = new ConcurrentLinkedQueue<>();
        /** Dedup key of each overrun alert → its band's deadline, to time its arrival on the stream. */
        final Map<String, Instant> overrunDeadlines = new ConcurrentHashMap<>();
        Drain drain;
        String loadBefore;
        String loadDuring;

        Phase(String name, long callInterval) {
            this.name = name;
            this.callInterval = callInterval;
        }

        double seconds() {
            return (end - start) / 1e9;
        }
    }

    @Test
    void sessionsUnderLoadRaiseEveryAlertExactlyOnce() throws Exception {
        LocalStack stack = E2EStack.get();
        // the figures are for commits that survive a power cut, as in production
        assertThat(List.of(PostgresCounters.setting(stack.settings(), "fsync"),
                PostgresCounters.setting(stack.settings(), "synchronous_commit")))
                .as("PostgreSQL's fsync and synchronous_commit").containsExactly("on", "on");
        List<String> patients = screenPatients(USERS * PATIENTS_PER_USER);
        List<User> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            users.add(new User(patients.subList(u * PATIENTS_PER_USER, (u + 1) * PATIENTS_PER_USER),
                    u < HELD_BAND_USERS));
        }
        ExecutorService threads = Executors.newFixedThreadPool(USERS, r -> {
            Thread thread = new Thread(r, "load-user");
            thread.setDaemon(true);
            return thread;
        });
        List<Phase> reported = new ArrayList<>();
        physioToken = Tokens.of("physio1");
        ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(r -> {
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
        try (SseFeed feed = new SseFeed(http, Tokens.of("clinician1"));
                Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.settings().kafkaBootstrap()))) {
            feed.awaitOpen();
            awaitScreeningsKnown(kafka);
            if (!WARMUP.isZero()) {
                run(new Phase("warm-up", 0), WARMUP, users, threads, stack, kafka, feed);
            }
            Phase capacity = run(new Phase("capacity: every user calls again as soon as it has its answer", 0),
                    DURATION, users, threads, stack, kafka, feed);
            reported.add(capacity);
            double callsPerSecond = capacity.calls.get() / capacity.seconds();
            if (PACED_SHARE > 0 && !PACED_DURATION.isZero() && callsPerSecond > 0) {
                double offered = callsPerSecond * PACED_SHARE;
                reported.add(run(new Phase(String.format(Locale.ROOT, "paced: %.0f API calls/s offered (%.0f %% of"
                                        + " the capacity phase's %.0f)", offered, PACED_SHARE * 100, callsPerSecond),
                                (long) (USERS * 1e9 / offered)),
                        PACED_DURATION, users, threads, stack, kafka, feed));
            }
            Map<String, JsonNode> actual = alertsOf(patients);

            String report = report(reported, feed, actual);
            System.out.println(report);
            Path file = Path.of("target", "load-report.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, report);

            assertThat(failures).as("API calls that failed during the load run: %s", failureSamples).isEmpty();
            assertThat(capacity.sessions.get()).as("sessions completed").isPositive();
            assertThat(actual.keySet()).as("alerts (by cause) in the alert API").containsExactlyInAnyOrderElementsOf(
                    expected.keySet());
            Map<String, Integer> occurrences = new TreeMap<>();
            Map<String, Integer> wanted = new TreeMap<>();
            actual.forEach((key, alert) -> occurrences.put(key, alert.path("occurrences").asInt()));
            expected.forEach((key, e) -> wanted.put(key, e.causes().size()));
            assertThat(occurrences).as("occurrences of each alert").isEqualTo(wanted);
        } finally {
            threads.shutdownNow();
            renewal.shutdownNow();
            users.forEach(user -> user.connection.close());
        }
    }

    /** Runs every user for {@code duration}, then waits until every alert caused so far is on the stream. */
    private Phase run(Phase phase, Duration duration, List<User> users, ExecutorService threads, LocalStack stack,
            Admin kafka, SseFeed feed) throws Exception {
        Map<String, Long> cpuBefore = cpuTicks(stack);
        Map<String, PostgresCounters.Counters> databaseBefore = PostgresCounters.read(stack.settings());
        long generatorCpuBefore = generatorCpuNanos();
        Map<TopicPartition, Long> offsetsBefore = endOffsets(kafka, SESSION_EVENTS);
        phase.loadBefore = loadAverage();
        phase.start = System.nanoTime();
        phase.deadline = phase.start + duration.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (User user : users) {
            user.nextCall = phase.start + (phase.callInterval == 0 ? 0
                    : ThreadLocalRandom.current().nextLong(phase.callInterval));
            running.add(threads.submit(() -> sessions(user, phase)));
        }
        // resident memory near the end of the phase, while everything is busy
        Thread.sleep(Math.max(0, duration.toMillis() - 5_000));
        for (String component : COMPONENTS) {
            phase.rss.put(component, rssKiB(stack, component));
        }
        phase.loadDuring = loadAverage();
        for (Future<?> user : running) {
            user.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
        }
        phase.end = System.nanoTime();
        Map<String, Long> cpuAfter = cpuTicks(stack);
        cpuAfter.forEach((component, ticks) -> phase.cpuSeconds.put(component,
                (ticks - cpuBefore.getOrDefault(component, 0L)) / (double) CLOCK_TICKS));
        phase.cpuSeconds.put("load generator", (generatorCpuNanos() - generatorCpuBefore) / 1e9);
        phase.drain = drain(kafka, feed);
        phase.drained = System.nanoTime();
        phase.database = PostgresCounters.since(databaseBefore, PostgresCounters.read(stack.settings()));
        Map<TopicPartition, Long> offsetsAfter = endOffsets(kafka, SESSION_EVENTS);
        phase.topicEvents = offsetsAfter.values().stream().mapToLong(Long::longValue).sum()
                - offsetsBefore.values().stream().mapToLong(Long::longValue).sum();
        phase.relayDelays = relayDelays(offsetsBefore, offsetsAfter);
        return phase;
    }

    // ------------------------------------------------------------------------------------------------ the users

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
                Call set = post(user, phase, "log set", base + "/sets", "{\"exercise\":\"leg press\","
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
        patientOfKey.put(key, patient);
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
        return new Call(answer.status(), parse(answer.body()), started, answered);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("unreadable", body);
        }
    }

    // ------------------------------------------------------------------------------------------ setup and checks

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
            assertThat(parse(response.body()).path("outcome").asText()).isEqualTo("CLEARED");
        }
        return patients;
    }

    private record Drain(long nanos, boolean allSeen, long lag) {
    }

    /** Waits until the alert-service has consumed every session event and the stream has shown every alert. */
    private Drain drain(Admin kafka, SseFeed feed) throws Exception {
        long start = System.nanoTime();
        long deadline = start + DRAIN_TIMEOUT.toNanos();
        long lag;
        boolean allSeen;
        do {
            allSeen = feed.raised.keySet().containsAll(expected.keySet());
            lag = lag(kafka, "alert-service", SESSION_EVENTS);
            if (allSeen && lag == 0) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        long took = System.nanoTime() - start;
        // anything raised twice would have been raised by now; a last look for stragglers
        Thread.sleep(2_000);
        return new Drain(took, allSeen, lag);
    }

    private static long endOffset(Admin kafka, String topic) throws Exception {
        return endOffsets(kafka, topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin kafka, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = partitions(kafka, topic).stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        kafka.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /**
     * For every session event of a phase: from its time in the envelope (written to the outbox in the session's
     * transaction) to its record's timestamp (the relay handing it to the producer), in nanoseconds.
     */
    private static List<Long> relayDelays(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<Long> delays = new ArrayList<>();
        for (ConsumerRecord<String, String> record : KafkaTopics.read(SESSION_EVENTS, from, to)) {
            JsonNode time = parse(record.value()).path("time");
            if (time.isTextual()) {
                delays.add(Duration.between(Instant.parse(time.asText()), Instant.ofEpochMilli(record.timestamp()))
                        .toNanos());
            }
        }
        return delays;
    }

    /** Records of {@code topic} that consumer {@code group} has not committed yet. */
    private static long lag(Admin kafka, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long consumed = committed.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
        return endOffset(kafka, topic) - consumed;
    }

    /** Waits until the session-service has taken in every screening, so that the run starts with eligible patients. */
    private static void awaitScreeningsKnown(Admin kafka) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (lag(kafka, "session-service", SCREENING_EVENTS) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private static List<TopicPartition> partitions(Admin kafka, String topic) throws Exception {
        return kafka.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Every alert of the run's patients, by dedup key; a key seen twice is kept apart so the check shows it. */
    private Map<String, JsonNode> alertsOf(List<String> patients) throws Exception {
        Map<String, JsonNode> alerts = new HashMap<>();
        for (String patient : patients) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(E2EStack.url("alert-service")
                                    + "/api/alerts?limit=500&patientId=" + URLEncoder.encode(patient,
                                    StandardCharsets.UTF_8)))
                            .timeout(CALL_TIMEOUT)
                            .header("Authorization", "Bearer " + Tokens.of("clinician1"))
                            .header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("alert list: %s", response.body()).isEqualTo(200);
            JsonNode list = parse(response.body());
            assertThat(list.size()).as("alerts of one patient (more than one page: raise bfr.load.patients-per-user)")
                    .isLessThan(500);
            for (JsonNode alert : list) {
                String key = alert.path("dedupKey").asText();
                String unique = key;
                for (int n = 2; alerts.containsKey(unique); n++) {
                    unique = key + " (copy " + n + ")";
                }
                alerts.put(unique, alert);
            }
        }
        return alerts;
    }


    // ------------------------------------------------------------------------------------------------ the report

    private String report(List<Phase> phases, SseFeed feed, Map<String, JsonNode> actual) {
        StringBuilder out = new StringBuilder();
        int cores = Runtime.getRuntime().availableProcessors();
        out.append("==================== BFR Guard load run ====================\n");
        out.append(String.format(Locale.ROOT, "at %s, %d cores; %d virtual users x %d patients; warm-up %s (not"
                + " reported); screening- and session-service at nice %d; PostgreSQL with durable commits (fsync,"
                + " synchronous_commit)%n", Instant.now(), cores, USERS, PATIENTS_PER_USER, WARMUP,
                LocalStack.intakeNice()));
        out.append(String.format(Locale.ROOT, "API calls failed: %s; starts retried while the screening was on its"
                + " way: %d%n", failures, notYetScreened.get()));
        out.append(String.format(Locale.ROOT, "alerts expected (whole run): %d, in the alert API: %d, RAISED on the"
                        + " stream: %d (raised twice on the stream: %d)%n", expected.size(), actual.size(),
                feed.raised.size(), feed.raisedTwice.get()));
        for (Phase phase : phases) {
            double seconds = phase.seconds();
            out.append("------------------------------------------------------------\n");
            out.append(phase.name).append('\n');
            out.append(String.format(Locale.ROOT, "ran %.1f s; load average before %s, near the end %s%n", seconds,
                    phase.loadBefore, phase.loadDuring));
            out.append(String.format(Locale.ROOT, "session events: %d from the API answers = %.0f events/s sustained"
                            + " (session-events topic grew by %d, band timer events included); %.0f API calls/s;"
                            + " %d sessions%n", phase.events.get(), phase.events.get() / seconds, phase.topicEvents,
                    phase.calls.get() / seconds, phase.sessions.get()));
            out.append("session events per second: ").append(new TreeMap<>(phase.eventsPerSecond).values().stream()
                    .map(c -> String.valueOf(c.get())).collect(Collectors.joining(" "))).append('\n');
            out.append("API latency (ms, from the request sent to the answer read)\n");
            out.append(String.format(Locale.ROOT, "  %-16s %8s %8s %8s %8s%n", "call", "count", "p50", "p99", "max"));
            List<Long> allCalls = new ArrayList<>();
            for (String type : CALL_TYPES) {
                List<Long> nanos = new ArrayList<>(phase.callNanos.getOrDefault(type, new ConcurrentLinkedQueue<>()));
                allCalls.addAll(nanos);
                out.append(latencyLine(type, nanos));
            }
            out.append(latencyLine("all", allCalls));
            List<Long> fromStart = new ArrayList<>();
            List<Long> fromAnswer = new ArrayList<>();
            expected.forEach((key, e) -> {
                if (key.startsWith("BAND_TIME_")) {
                    // raised by the timer, not by a call: reported with the band timer below
                    return;
                }
                Long arrived = feed.raised.get(key);
                long[] first;
                synchronized (e.causes()) {
                    first = e.causes().stream().min((a, b) -> Long.compare(a[0], b[0])).orElse(null);
                }
                if (arrived != null && first != null && first[0] >= phase.start && first[0] <= phase.end) {
                    fromStart.add(arrived - first[0]);
                    fromAnswer.add(arrived - first[1]);
                }
            });
            List<long[]> split;
            synchronized (feed.split) {
                split = feed.split.stream().filter(s -> s[0] >= phase.start && s[0] <= phase.drained).toList();
            }
            out.append("alert latency (ms, until the alert arrives on the alert-service SSE stream)\n");
            out.append(latencyLine("from the call", fromStart));
            out.append(latencyLine("from its answer", fromAnswer));
            out.append("  by the clocks of the services (same machine): from the cause's time in the session-service"
                    + " to the\n  alert's creation in the alert-service (outbox, Kafka, consumer), and from there to"
                    + " the stream;\n  apart, for every session event: from its outbox entry to its Kafka record"
                    + " (the relay)\n");
            out.append(latencyLine("to raised", split.stream().map(s -> s[1]).toList()));
            out.append(latencyLine("raised to stream", split.stream().map(s -> s[2]).toList()));
            out.append(latencyLine("outbox to Kafka", phase.relayDelays));
            List<Long> overrunsShown = new ArrayList<>();
            phase.overrunDeadlines.forEach((key, deadline) -> {
                Instant shown = feed.raisedWall.get(key);
                if (shown != null) {
                    overrunsShown.add(Duration.between(deadline, shown).toNanos());
                }
            });
            out.append(String.format(Locale.ROOT, "band timer (ms late; %d overruns, %d users hold their bands past"
                    + " the deadline): raised after the\n  band's warning time or deadline (service clock), and the"
                    + " overrun on the stream after the deadline%n", phase.overrunDeadlines.size(),
                    Math.min(HELD_BAND_USERS, USERS)));
            out.append(latencyLine("warning raised", new ArrayList<>(phase.warningsLate)));
            out.append(latencyLine("overrun raised", new ArrayList<>(phase.overrunsLate)));
            out.append(latencyLine("overrun streamed", overrunsShown));
            out.append(String.format(Locale.ROOT, "pipeline drained %.1f s after the last call (all alerts on the"
                            + " stream: %s, alert-service lag on session-events: %d)%n", phase.drain.nanos() / 1e9,
                    phase.drain.allSeen(), phase.drain.lag()));
            out.append("resident memory (VmRSS, 5 s before the end; PostgreSQL: proportional set size of the"
                    + " postmaster and its backends)\n");
            phase.rss.forEach((component, kib) -> out.append(String.format(Locale.ROOT, "  %-18s %6d MiB%n",
                    component, kib / 1024)));
            double events = Math.max(1, phase.events.get());
            out.append("CPU used (s), and per 1,000 session events (s)\n");
            phase.cpuSeconds.forEach((component, cpu) -> out.append(String.format(Locale.ROOT,
                    "  %-18s %8.1f %8.2f%n", component, cpu, cpu * 1000 / events)));
            double total = phase.cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
            out.append(String.format(Locale.ROOT, "  %-18s %8.1f %8.2f (%.0f %% of %d cores)%n", "all", total,
                    total * 1000 / events, 100 * total / seconds / cores, cores));
            out.append(databaseLine(phase.database, events));
        }
        out.append("============================================================\n");
        return out.toString();
    }

    /** PostgreSQL's work per 1,000 session events: transactions by database, rows written in all. */
    private static String databaseLine(Map<String, PostgresCounters.Counters> database, double events) {
        long commits = database.values().stream().mapToLong(PostgresCounters.Counters::commits).sum();
        String byDatabase = database.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(),
                e.getValue().commits() * 1000 / events)).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "PostgreSQL per 1,000 session events (its own counters, phase and drain):"
                        + " %.0f transactions (%s), rows inserted %.0f, updated %.0f, deleted %.0f%n",
                commits * 1000 / events, byDatabase,
                database.values().stream().mapToLong(PostgresCounters.Counters::inserted).sum() * 1000 / events,
                database.values().stream().mapToLong(PostgresCounters.Counters::updated).sum() * 1000 / events,
                database.values().stream().mapToLong(PostgresCounters.Counters::deleted).sum() * 1000 / events);
    }

    private static String latencyLine(String name, List<Long> nanos) {
        if (nanos.isEmpty()) {
            return String.format(Locale.ROOT, "  %-16s %8d%n", name, 0);
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "  %-16s %8d %8.1f %8.1f %8.1f%n", name, sorted.size(),
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
    private static final long CLOCK_TICKS = 100;

    /**
     * VmRSS of a component's process (of its JVM, for Keycloak's start script); for PostgreSQL the proportional
     * set size of the postmaster and its backends, so that the shared buffers count once.
     */
    private static long rssKiB(LocalStack stack, String component) {
        try {
            List<Long> tree = tree(stack.component(component).pid());
            if (component.equals("postgres")) {
                return tree.stream().mapToLong(pid -> statusField(pid, "smaps_rollup", "Pss:")).sum();
            }
            return tree.stream().mapToLong(pid -> statusField(pid, "status", "VmRSS:")).max().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time (user + system, in clock ticks) of each component's processes so far. */
    private static Map<String, Long> cpuTicks(LocalStack stack) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (String component : COMPONENTS) {
            try {
                ticks.put(component, tree(stack.component(component).pid()).stream().mapToLong(LoadIT::cpuTicksOf).sum());
            } catch (IOException | RuntimeException e) {
                ticks.put(component, 0L);
            }
        }
        return ticks;
    }

    private static long generatorCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long cpuTicksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A process and all its descendants. */
    private static List<Long> tree(long root) throws IOException {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                String name = proc.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    children.computeIfAbsent(parentOf(proc), p -> new ArrayList<>()).add(Long.parseLong(name));
                }
            }
        }
        List<Long> tree = new ArrayList<>(List.of(root));
        for (int i = 0; i < tree.size(); i++) {
            tree.addAll(children.getOrDefault(tree.get(i), List.of()));
        }
        return tree;
    }

    private static long statusField(long pid, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/" + file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // the process ended meanwhile
        }
        return 0;
    }

    private static long parentOf(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A clinician's alert board: records when each alert's RAISED change arrives, by the alert's dedup key. */
    private static final class SseFeed implements AutoCloseable {

        final Map<String, Long> raised = new ConcurrentHashMap<>();
        /** The same arrivals by the wall clock, to compare with times the services wrote. */
        final Map<String, Instant> raisedWall = new ConcurrentHashMap<>();
        final AtomicInteger raisedTwice = new AtomicInteger();
        /**
         * Per RAISED change: when it arrived (nanoTime), from the cause's time in the session-service to the alert's
         * creation in the alert-service, and from there to its arrival on this stream (nanoseconds).
         */
        final List<long[]> split = Collections.synchronizedList(new ArrayList<>());
        private final CompletableFuture<HttpResponse<Stream<String>>> response;

        SseFeed(HttpClient http, String token) {
            response = http.sendAsync(HttpRequest.newBuilder(URI.create(E2EStack.url("alert-service")
                                    + "/api/alerts/stream"))
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            response.thenAccept(r -> {
                Thread reader = new Thread(() -> read(r.body()), "load-alert-stream");
                reader.setDaemon(true);
                reader.start();
            });
        }

        void awaitOpen() throws Exception {
            HttpResponse<?> r = response.get(30, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as("alert stream").isEqualTo(200);
        }

        private void read(Stream<String> lines) {
            try {
                readAll(lines);
            } catch (UncheckedIOException e) {
                // the stream was closed at the end of the run
            }
        }

        private void readAll(Stream<String> lines) {
            lines.forEach(line -> {
                if (line.startsWith("data:")) {
                    long arrived = System.nanoTime();
                    JsonNode change = parse(line.substring(5).trim());
                    if (change.path("kind").asText().equals("RAISED")) {
                        JsonNode alert = change.path("alert");
                        String key = alert.path("dedupKey").asText();
                        if (raised.putIfAbsent(key, arrived) != null) {
                            raisedTwice.incrementAndGet();
                        } else {
                            raisedWall.put(key, Instant.now());
                        }
                        try {
                            Instant occurred = Instant.parse(alert.path("lastOccurredAt").asText());
                            Instant raisedAt = Instant.parse(alert.path("raisedAt").asText());
                            split.add(new long[] {arrived, Duration.between(occurred, raisedAt).toNanos(),
                                    Duration.between(raisedAt, Instant.now()).toNanos()});
                        } catch (RuntimeException e) {
                            // an alert without the times: left out of the split
                        }
                    }
                }
            });
        }

        @Override
        public void close() {
            response.cancel(true);
            response.thenAccept(r -> r.body().close());
        }
    }
}
