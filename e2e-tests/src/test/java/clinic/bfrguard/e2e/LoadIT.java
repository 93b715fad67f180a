package clinic.bfrguard.e2e;

import clinic.bfrguard.stack.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load run (a benchmark, not a timed test): virtual physiotherapists run BFR sessions as fast as the system answers
 * for {@code bfr.load.duration}, then the run checks that every alert the sessions deserve exists exactly once and
 * no other. Throughput and latency are printed and written to {@code target/load-report.txt}, never asserted.
 * <p>
 * Each virtual user owns {@code bfr.load.patients-per-user} screened (eligible) patients and runs one session after
 * another, taking them in turn: start, band on the left thigh, a set at 30 % 1RM and one at 45 % (a guideline
 * deviation), a symptom (every fifth session the same symptom twice: one alert, two occurrences), band released
 * (long before the suite's 4 s warning), session completed. The expected alerts come from the answers: every
 * deviation an answer lists (load, and reperfusion when the patient's previous band came off less than 3 minutes
 * earlier), every symptom, and a band-time warning for a band whose session answer says one was raised.
 */
class LoadIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DURATION = Duration.parse(System.getProperty("bfr.load.duration", "PT60S"));
    private static final int USERS = Integer.getInteger("bfr.load.users", 24);
    private static final int PATIENTS_PER_USER = Integer.getInteger("bfr.load.patients-per-user", 4);
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
    private final ExecutorService delays = Executors.newSingleThreadExecutor();

    private final Map<String, ConcurrentLinkedQueue<Long>> callNanos = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final List<String> failureSamples = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicInteger notYetScreened = new AtomicInteger();
    private final Map<Long, AtomicLong> eventsPerSecond = new ConcurrentHashMap<>();
    /** Dedup key of every expected alert → its causes (start nanos and response nanos of each call). */
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final Map<String, String> patientOfKey = new ConcurrentHashMap<>();
    private volatile long runStart;

    private record Expected(List<long[]> causes) {
    }

    private record Call(int status, JsonNode body, long started, long answered) {
    }

    @Test
    void sessionsUnderLoadRaiseEveryAlertExactlyOnce() throws Exception {
        LocalStack stack = E2EStack.get();
        List<String> patients = screenPatients(USERS * PATIENTS_PER_USER);
        try (SseFeed feed = new SseFeed(http, Tokens.of("clinician1"));
                Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.settings().kafkaBootstrap()))) {
            feed.awaitOpen();
            awaitScreeningsKnown(kafka);
            Map<String, Long> cpuBefore = cpuTicks(stack);
            long generatorCpuBefore = generatorCpuNanos();
            long offsetsBefore = endOffset(kafka, SESSION_EVENTS);
            String loadBefore = loadAverage();

            runStart = System.nanoTime();
            long deadline = runStart + DURATION.toNanos();
            List<CompletableFuture<Void>> users = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                users.add(user(patients.subList(u * PATIENTS_PER_USER, (u + 1) * PATIENTS_PER_USER), deadline));
            }
            Map<String, Long> rss = new LinkedHashMap<>();
            // the second half of the run, with warm JVMs, is timed apart
            Thread.sleep(DURATION.toMillis() / 2);
            Map<String, Long> cpuAtHalf = cpuTicks(stack);
            long eventsAtHalf = events.get();
            long halfTime = System.nanoTime();
            CompletableFuture<Void> all = CompletableFuture.allOf(users.toArray(CompletableFuture[]::new));
            // resident memory near the end of the run, while everything is busy
            Thread.sleep(Math.max(0, DURATION.toMillis() - DURATION.toMillis() / 2 - 5_000));
            for (String component : COMPONENTS) {
                rss.put(component, rssKiB(stack, component));
            }
            String loadDuring = loadAverage();
            all.get(DURATION.toSeconds() + 120, TimeUnit.SECONDS);
            long runEnd = System.nanoTime();
            Map<String, Long> cpuAfter = cpuTicks(stack);
            long generatorCpu = generatorCpuNanos() - generatorCpuBefore;
            Map<String, Double> cpuSeconds = new LinkedHashMap<>();
            cpuAfter.forEach((component, ticks) -> cpuSeconds.put(component,
                    (ticks - cpuBefore.getOrDefault(component, 0L)) / (double) CLOCK_TICKS));
            cpuSeconds.put("load generator", generatorCpu / 1e9);
            double secondHalfCpu = cpuAfter.entrySet().stream()
                    .mapToLong(e -> e.getValue() - cpuAtHalf.getOrDefault(e.getKey(), 0L)).sum() / (double) CLOCK_TICKS;
            String secondHalf = String.format(Locale.ROOT, "second half of the run: %.0f session events/s, the stack"
                            + " (without the load generator) used %.1f CPU s = %.2f s per 1,000 session events%n",
                    (events.get() - eventsAtHalf) / ((runEnd - halfTime) / 1e9), secondHalfCpu,
                    secondHalfCpu * 1000 / Math.max(1, events.get() - eventsAtHalf));

            Drain drain = drain(kafka, feed);
            long offsetsAfter = endOffset(kafka, SESSION_EVENTS);
            Map<String, JsonNode> actual = alertsOf(patients);

            String report = report(runEnd - runStart, offsetsAfter - offsetsBefore, drain, feed, rss, cpuSeconds,
                    secondHalf, loadBefore, loadDuring, actual);
            System.out.println(report);
            Path file = Path.of("target", "load-report.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, report);

            assertThat(failures).as("API calls that failed during the load run: %s", failureSamples).isEmpty();
            assertThat(sessions.get()).as("sessions completed").isPositive();
            assertThat(actual.keySet()).as("alerts (by cause) in the alert API").containsExactlyInAnyOrderElementsOf(
                    expected.keySet());
            Map<String, Integer> occurrences = new TreeMap<>();
            Map<String, Integer> wanted = new TreeMap<>();
            actual.forEach((key, alert) -> occurrences.put(key, alert.path("occurrences").asInt()));
            expected.forEach((key, e) -> wanted.put(key, e.causes().size()));
            assertThat(occurrences).as("occurrences of each alert").isEqualTo(wanted);
        } finally {
            delays.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------ the users

    /** One virtual user: sessions one after another until the deadline, its patients in turn. */
    private CompletableFuture<Void> user(List<String> patients, long deadline) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        nextSession(patients, 0, deadline, done);
        return done;
    }

    private void nextSession(List<String> patients, int round, long deadline, CompletableFuture<Void> done) {
        if (System.nanoTime() >= deadline) {
            done.complete(null);
            return;
        }
        session(patients.get(round % patients.size()), round).whenComplete((ignored, e) -> {
            if (e != null) {
                fail("session", e.toString());
            }
            nextSession(patients, round + 1, deadline, done);
        });
    }

    private CompletableFuture<Void> session(String patient, int round) {
        String symptom = SYMPTOMS.get(round % SYMPTOMS.size());
        boolean twice = round % 5 == 4;
        return startSession(patient).thenCompose(started -> {
            if (started == null) {
                return CompletableFuture.completedFuture(null);
            }
            String sessionId = started.body().path("id").asText();
            String base = "/api/sessions/" + sessionId;
            return post("apply band", base + "/bands", "{\"limb\":\"LEFT_THIGH\",\"perceivedPressure\":6}")
                    .thenCompose(applied -> {
                        if (!ok(applied, "apply band", 201)) {
                            return complete(base, sessionId, patient);
                        }
                        expectDeviations(sessionId, patient, applied);
                        String bandId = applied.body().path("bandId").asText();
                        return post("log set", base + "/sets", "{\"exercise\":\"leg press\","
                                + "\"limb\":\"LEFT_THIGH\",\"loadPercentOneRm\":30,\"reps\":30}")
                                .thenCompose(set -> {
                                    expectDeviations(sessionId, patient, ok(set, "log set", 201) ? set : null);
                                    return post("log set", base + "/sets", "{\"exercise\":\"leg press\","
                                            + "\"limb\":\"LEFT_THIGH\",\"loadPercentOneRm\":45,\"reps\":15}");
                                })
                                .thenCompose(set -> {
                                    expectDeviations(sessionId, patient, ok(set, "log set", 201) ? set : null);
                                    return symptom(base, sessionId, patient, symptom);
                                })
                                .thenCompose(ignored -> twice ? symptom(base, sessionId, patient, symptom)
                                        : CompletableFuture.completedFuture(null))
                                .thenCompose(ignored -> post("release band", base + "/bands/" + bandId + "/release",
                                        null))
                                .thenCompose(released -> {
                                    ok(released, "release band", 200);
                                    return complete(base, sessionId, patient);
                                });
                    });
        });
    }

    /** The session-service learns of a screening from its event: a 409 "not screened" before that is retried. */
    private CompletableFuture<Call> startSession(String patient) {
        return post("start", "/api/sessions", "{\"patientId\":\"" + patient + "\"}").thenCompose(call -> {
            if (call.status() == 409 && call.body().path("detail").asText().contains("screened")) {
                notYetScreened.incrementAndGet();
                return CompletableFuture.supplyAsync(() -> null,
                                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS, delays))
                        .thenCompose(ignored -> startSession(patient));
            }
            return CompletableFuture.completedFuture(ok(call, "start", 201) ? call : null);
        });
    }

    private CompletableFuture<Void> symptom(String base, String sessionId, String patient, String symptom) {
        return post("report symptom", base + "/symptoms", "{\"symptom\":\"" + symptom + "\"}").thenAccept(call -> {
            if (ok(call, "report symptom", 201)) {
                expect("ADVERSE_SYMPTOM:" + sessionId + ":" + symptom, patient, call);
            }
        });
    }

    private CompletableFuture<Void> complete(String base, String sessionId, String patient) {
        return post("complete", base + "/complete", null).thenAccept(call -> {
            if (ok(call, "complete", 200)) {
                sessions.incrementAndGet();
                for (JsonNode band : call.body().path("bands")) {
                    // a band that outlived its warning time (or its limit) under load: the timer's alert is due
                    if (band.hasNonNull("warningRaisedAt")) {
                        expect("BAND_TIME_WARNING:" + band.path("bandId").asText(), patient, call);
                    }
                    if (band.hasNonNull("overrunRaisedAt")) {
                        expect("BAND_TIME_OVERRUN:" + band.path("bandId").asText(), patient, call);
                    }
                }
            }
        });
    }

    private void expectDeviations(String sessionId, String patient, Call call) {
        if (call == null) {
            return;
        }
        for (JsonNode deviation : call.body().path("deviations")) {
            String rule = deviation.path("rule").asText();
            String limb = deviation.path("limb").asText("");
            String exercise = deviation.path("exercise").asText("");
            boolean aboutExercise = rule.equals("LOAD") || rule.equals("SETS_PER_EXERCISE");
            String subject = aboutExercise ? firstPresent(exercise, limb) : firstPresent(limb, exercise);
            expect("GUIDELINE_DEVIATION:" + sessionId + ":" + rule + ":" + subject, patient, call);
            countEvent(call);
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

    private boolean ok(Call call, String type, int status) {
        if (call.status() == status) {
            countEvent(call);
            return true;
        }
        fail(type, call.status() + " " + call.body());
        return false;
    }

    private void countEvent(Call call) {
        events.incrementAndGet();
        eventsPerSecond.computeIfAbsent((call.answered() - runStart) / 1_000_000_000L, s -> new AtomicLong())
                .incrementAndGet();
    }

    private void fail(String type, String what) {
        failures.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
        if (failureSamples.size() < 10) {
            failureSamples.add(type + ": " + what);
        }
    }

    private CompletableFuture<Call> post(String type, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(E2EStack.url("session-service") + path))
                .timeout(CALL_TIMEOUT)
                .header("Authorization", "Bearer " + Tokens.of("physio1"))
                .header("Accept", "application/json");
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        long started = System.nanoTime();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            long answered = System.nanoTime();
            callNanos.computeIfAbsent(type, t -> new ConcurrentLinkedQueue<>()).add(answered - started);
            return new Call(response.statusCode(), parse(response.body()), started, answered);
        });
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
        Map<TopicPartition, OffsetSpec> request = partitions(kafka, topic).stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                kafka.listOffsets(request).all().get(30, TimeUnit.SECONDS);
        return offsets.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
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

    private String report(long runNanos, long topicEvents, Drain drain, SseFeed feed, Map<String, Long> rss,
            Map<String, Double> cpuSeconds, String secondHalf, String loadBefore, String loadDuring,
            Map<String, JsonNode> actual) {
        StringBuilder out = new StringBuilder();
        double seconds = runNanos / 1e9;
        out.append("==================== BFR Guard load run ====================\n");
        out.append(String.format(Locale.ROOT, "at %s, %d cores, load average before %s, near the end %s%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), loadBefore, loadDuring));
        out.append(String.format(Locale.ROOT, "%d virtual users x %d patients, %s; ran %.1f s%n", USERS,
                PATIENTS_PER_USER, DURATION, seconds));
        out.append(String.format(Locale.ROOT, "sessions completed: %d (%.1f/s); API calls failed: %s; "
                + "starts retried while the screening was on its way: %d%n", sessions.get(), sessions.get() / seconds,
                failures, notYetScreened.get()));
        out.append(String.format(Locale.ROOT, "session events: %d from the API calls = %.0f events/s sustained "
                + "(session-events topic grew by %d, band timer events included)%n", events.get(),
                events.get() / seconds, topicEvents));
        out.append("session events per second of the run: ").append(perSecond()).append('\n');
        out.append("API latency (ms, from the request sent to the answer read)\n");
        out.append(String.format(Locale.ROOT, "  %-16s %8s %8s %8s %8s%n", "call", "count", "p50", "p99", "max"));
        List<Long> allCalls = new ArrayList<>();
        for (String type : CALL_TYPES) {
            List<Long> nanos = new ArrayList<>(callNanos.getOrDefault(type, new ConcurrentLinkedQueue<>()));
            allCalls.addAll(nanos);
            out.append(latencyLine(type, nanos));
        }
        out.append(latencyLine("all", allCalls));
        List<Long> fromStart = new ArrayList<>();
        List<Long> fromAnswer = new ArrayList<>();
        expected.forEach((key, e) -> {
            Long arrived = feed.raised.get(key);
            if (arrived != null && !e.causes().isEmpty()) {
                long[] first = e.causes().stream().min((a, b) -> Long.compare(a[0], b[0])).orElseThrow();
                fromStart.add(arrived - first[0]);
                fromAnswer.add(arrived - first[1]);
            }
        });
        out.append(String.format(Locale.ROOT, "alerts expected: %d, in the alert API: %d, RAISED on the stream: %d "
                        + "(raised twice on the stream: %d)%n", expected.size(), actual.size(), feed.raised.size(),
                feed.raisedTwice.get()));
        out.append("alert latency (ms, until the alert arrives on the alert-service SSE stream)\n");
        out.append(latencyLine("from the call", fromStart));
        out.append(latencyLine("from its answer", fromAnswer));
        out.append("  where it goes, by the clocks of the services (same machine): from the cause's time in the"
                + " session-service\n  to the alert's creation in the alert-service (outbox, Kafka, consumer), and from"
                + " there to the stream\n");
        out.append(latencyLine("to raised", new ArrayList<>(feed.toRaised)));
        out.append(latencyLine("raised to stream", new ArrayList<>(feed.toStream)));
        out.append(String.format(Locale.ROOT, "pipeline drained %.1f s after the last call (all alerts on the stream: "
                + "%s, alert-service lag on session-events: %d)%n", drain.nanos() / 1e9, drain.allSeen(), drain.lag()));
        out.append("resident memory (VmRSS, 5 s before the end of the run; PostgreSQL: proportional set size of the"
                + " postmaster and its backends)\n");
        rss.forEach((component, kib) -> out.append(String.format(Locale.ROOT, "  %-18s %6d MiB%n", component,
                kib / 1024)));
        double events = Math.max(1, this.events.get());
        out.append("CPU used during the run (s), and per 1,000 session events (s)\n");
        cpuSeconds.forEach((component, cpu) -> out.append(String.format(Locale.ROOT, "  %-18s %8.1f %8.2f%n",
                component, cpu, cpu * 1000 / events)));
        double total = cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        out.append(String.format(Locale.ROOT, "  %-18s %8.1f %8.2f (%.0f %% of %d cores over the run)%n", "all",
                total, total * 1000 / events, 100 * total / seconds / Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors()));
        out.append(secondHalf);
        out.append("============================================================\n");
        return out.toString();
    }

    private String perSecond() {
        return new TreeMap<>(eventsPerSecond).values().stream().map(c -> String.valueOf(c.get()))
                .collect(Collectors.joining(" "));
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
            List<Long> tree = tree(stack.pidOf(component));
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
                ticks.put(component, tree(stack.pidOf(component)).stream().mapToLong(LoadIT::cpuTicksOf).sum());
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
        final AtomicInteger raisedTwice = new AtomicInteger();
        /** From the cause's time in the session-service to the alert's creation in the alert-service. */
        final List<Long> toRaised = Collections.synchronizedList(new ArrayList<>());
        /** From the alert's creation to its arrival on this stream. */
        final List<Long> toStream = Collections.synchronizedList(new ArrayList<>());
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
                        }
                        try {
                            Instant occurred = Instant.parse(alert.path("lastOccurredAt").asText());
                            Instant raisedAt = Instant.parse(alert.path("raisedAt").asText());
                            toRaised.add(Duration.between(occurred, raisedAt).toNanos());
                            toStream.add(Duration.between(raisedAt, Instant.now()).toNanos());
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
