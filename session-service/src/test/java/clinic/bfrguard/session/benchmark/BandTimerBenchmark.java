package clinic.bfrguard.session.benchmark;

import clinic.bfrguard.common.events.OutboxEvent;
import clinic.bfrguard.session.domain.EligibilityService;
import clinic.bfrguard.session.domain.Limb;
import clinic.bfrguard.session.domain.Outcome;
import clinic.bfrguard.session.domain.SessionService;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.KafkaTestBroker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applies 10,000 bands through the HTTP API (2,500 patients, four limbs each) against the service with its real
 * PostgreSQL and Kafka, leaves them all on, and measures how late each BandTimeOverrun is: in the service
 * ({@code raisedAt - deadline}) and as a consumer of {@code session-events} sees it (arrival - deadline).
 * Not part of {@code verify}: run with {@code ./mvnw -B verify -pl session-service -Pbenchmark}.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(BandTimerBenchmarkProfile.class)
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
@TestSecurity(user = "physio1", roles = "physiotherapist")
class BandTimerBenchmark {

    private static final int PATIENTS = 2_500;
    private static final String SITE = "main";
    private static final Limb[] LIMBS = Limb.values();
    private static final int BANDS = PATIENTS * LIMBS.length;
    private static final int CLIENTS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EligibilityService eligibility;

    @Inject
    SessionService sessions;

    @TestHTTPResource("/api/sessions/")
    URL api;

    @Test
    void tenThousandBandsOverrunOnTime() throws Exception {
        String run = "BENCH-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String[] sessionIds = prepareSessions(run);

        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        Map<String, JsonNode> overruns = new ConcurrentHashMap<>();
        AtomicInteger overrunRecords = new AtomicInteger();
        AtomicInteger warnings = new AtomicInteger();
        AtomicInteger otherEvents = new AtomicInteger();
        Map<Long, Integer> perSecond = new ConcurrentHashMap<>();
        Thread reader = new Thread(() -> read(run, overruns, arrivals, overrunRecords, warnings, otherEvents,
                perSecond),
                "benchmark-reader");
        reader.start();

        AtomicLong outboxBacklog = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> outboxBacklog.accumulateAndGet(
                QuarkusTransaction.requiringNew().call(OutboxEvent::countPending), Math::max),
                0, 250, TimeUnit.MILLISECONDS);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long applyStart = System.nanoTime();
        Instant firstApplied = Instant.now();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < BANDS; i = next.getAndIncrement()) {
                    // Patient-major order would queue four clients on one session row; spread them instead.
                    String session = sessionIds[i % PATIENTS];
                    Limb limb = LIMBS[i / PATIENTS];
                    HttpRequest request = HttpRequest.newBuilder(URI.create(api + session + "/bands"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"limb\":\"" + limb + "\",\"perceivedPressure\":6}"))
                            .build();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 201) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();
        double applySeconds = (System.nanoTime() - applyStart) / 1e9;
        Instant lastApplied = Instant.now();

        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(40 + 120);
        while (overruns.size() < BANDS && System.nanoTime() < waitUntil) {
            Thread.sleep(200);
        }
        Thread.sleep(3_000);
        reader.interrupt();
        reader.join();
        sampler.shutdownNow();

        long[] raisedLate = new long[overruns.size()];
        long[] arrivedLate = new long[overruns.size()];
        Instant firstRaised = Instant.MAX;
        Instant lastRaised = Instant.MIN;
        int i = 0;
        for (Map.Entry<String, JsonNode> e : overruns.entrySet()) {
            JsonNode data = e.getValue();
            Instant deadline = Instant.parse(data.get("deadline").asText());
            Instant raisedAt = Instant.parse(data.get("raisedAt").asText());
            raisedLate[i] = Duration.between(deadline, raisedAt).toMillis();
            arrivedLate[i] = arrivals.get(e.getKey()) - deadline.toEpochMilli();
            firstRaised = raisedAt.isBefore(firstRaised) ? raisedAt : firstRaised;
            lastRaised = raisedAt.isAfter(lastRaised) ? raisedAt : lastRaised;
            i++;
        }
        Arrays.sort(raisedLate);
        Arrays.sort(arrivedLate);
        long firstSecond = perSecond.keySet().stream().mapToLong(Long::longValue).min().orElse(0);
        long lastSecond = perSecond.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        int allEvents = perSecond.values().stream().mapToInt(Integer::intValue).sum();
        int peak = perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        double raiseWindow = Math.max(0.001, Duration.between(firstRaised, lastRaised).toMillis() / 1000.0);
        String report = String.join(System.lineSeparator(),
                "=== Band timer benchmark ===",
                String.format("bands applied over HTTP:     %d in %.1f s (%.0f/s, %d clients), %d refused",
                        BANDS, applySeconds, BANDS / applySeconds, CLIENTS, failures.get()),
                String.format("deadlines spread over:       %.1f s (arms 30 s, thighs 40 s after application)",
                        Duration.between(firstApplied, lastApplied).toMillis() / 1000.0 + 10),
                String.format("overruns on the topic:       %d records for %d distinct bands; warnings: %d",
                        overrunRecords.get(), overruns.size(), warnings.get()),
                String.format("overrun lateness, raisedAt - deadline (ms):  p50 %d  p99 %d  max %d",
                        pct(raisedLate, 50), pct(raisedLate, 99), pct(raisedLate, 100)),
                String.format("overrun lateness, arrival on topic - deadline (ms):  p50 %d  p99 %d  max %d",
                        pct(arrivedLate, 50), pct(arrivedLate, 99), pct(arrivedLate, 100)),
                String.format("overruns raised per second:  %.0f over %.1f s", overruns.size() / raiseWindow,
                        raiseWindow),
                String.format("BandApplied, BandTimeWarning and BandTimeOverrun arriving on the topic: %d, "
                        + "%.0f/s on average over %d s, peak %d in one second", allEvents,
                        allEvents / (double) Math.max(1, lastSecond - firstSecond + 1), lastSecond - firstSecond + 1,
                        peak),
                String.format("largest outbox backlog seen: %d events", outboxBacklog.get()));
        System.out.println(report);
        Path out = Path.of("target", "band-timer-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report + System.lineSeparator());

        assertThat(failures.get()).isZero();
        assertThat(overruns).hasSize(BANDS);
        assertThat(overrunRecords.get()).isEqualTo(BANDS);
    }

    private String[] prepareSessions(String run) throws Exception {
        Instant now = Instant.now();
        for (int from = 0; from < PATIENTS; from += 500) {
            int start = from;
            QuarkusTransaction.requiringNew().run(() -> {
                for (int p = start; p < Math.min(PATIENTS, start + 500); p++) {
                    eligibility.screeningCompleted(run + p, SITE, UUID.randomUUID(), Outcome.CLEARED, 0,
                            now.minusSeconds(60), now.plus(Duration.ofDays(90)), List.of());
                }
            });
        }
        String[] ids = new String[PATIENTS];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(pool.submit(() -> {
                for (int p = next.getAndIncrement(); p < PATIENTS; p = next.getAndIncrement()) {
                    ids[p] = sessions.start(run + p, "physio1", Set.of(SITE)).id.toString();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return ids;
    }

    private static void read(String run, Map<String, JsonNode> overruns, Map<String, Long> arrivals,
            AtomicInteger overrunRecords, AtomicInteger warnings, AtomicInteger others, Map<Long, Integer> perSecond) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && !Thread.currentThread().isInterrupted()) {
                var infos = consumer.partitionsFor("session-events", Duration.ofSeconds(5));
                partitions = infos == null ? List.of()
                        : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    long arrived = System.currentTimeMillis();
                    if (record.key() == null || !record.key().startsWith(run)) {
                        continue;
                    }
                    JsonNode event = JSON.readTree(record.value());
                    // SessionStarted were all published before reading began: they would show as one false peak.
                    if (!"SessionStarted".equals(event.get("type").asText())) {
                        perSecond.merge(arrived / 1000, 1, Integer::sum);
                    }
                    switch (event.get("type").asText()) {
                        case "BandTimeOverrun" -> {
                            overrunRecords.incrementAndGet();
                            String band = event.get("data").get("bandId").asText();
                            overruns.put(band, event.get("data"));
                            arrivals.putIfAbsent(band, arrived);
                        }
                        case "BandTimeWarning" -> warnings.incrementAndGet();
                        default -> others.incrementAndGet();
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
