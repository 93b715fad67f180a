package clinic.bfrguard.alert.benchmark;

import clinic.bfrguard.testing.SseClient;
import clinic.bfrguard.alert.support.TestEvents;
import clinic.bfrguard.testing.ClinicTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static clinic.bfrguard.alert.support.TestEvents.data;

/**
 * Latency from a producer writing a cause event onto {@code session-events} to a clinician's stream receiving the
 * raised alert, over the real broker, database and HTTP. Open loop: events are sent on a fixed schedule whatever
 * the service's pace, so queueing shows in the figures. Not part of {@code verify}: run with
 * {@code ./mvnw -B verify -pl alert-service -Pbenchmark}. System properties: {@code benchmark.seconds} (60),
 * {@code benchmark.warmup} (30, not measured) and {@code benchmark.rates} (150,200,300,400,600,800,1200,1600; the
 * ramp stops at the first rate over the goal).
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@TestSecurity(user = "clinician1", roles = "clinician")
@Tag("benchmark")
class AlertLatencyBenchmark {

    private static final Pattern PATIENT = Pattern.compile("\"patientId\":\"([^\"]+)\"");
    private static final double TARGET_P99_MS = 50;

    @TestHTTPResource("/api/alerts/stream")
    URI stream;

    @Test
    void causeEventToStreamLatency() throws Exception {
        int seconds = Integer.getInteger("benchmark.seconds", 60);
        int warmup = Integer.getInteger("benchmark.warmup", 30);
        int[] rates = Arrays.stream(System.getProperty("benchmark.rates", "150,200,300,400,600,800,1200,1600")
                .split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        try (SseClient client = new SseClient(stream, null).awaitConnected(Duration.ofSeconds(30))) {
            // until the JIT has compiled the hot path, the compiler threads take more CPU than the service
            run(client, "warm-up", 100, warmup);
            List<String> lines = new ArrayList<>();
            Result steady = run(client, "steady", 100, seconds);
            lines.add(steady.line());
            int best = steady.p99() <= TARGET_P99_MS && steady.unseen() == 0 ? steady.rate() : 0;
            for (int rate : rates) {
                Result result = run(client, "ramp", rate, Math.max(5, seconds / 4));
                lines.add(result.line());
                if (result.p99() <= TARGET_P99_MS && result.unseen() == 0) {
                    best = Math.max(best, rate);
                } else {
                    break;
                }
            }
            System.out.println();
            System.out.println("=== alert latency: cause event produced -> alert on the SSE stream ===");
            System.out.println(String.format("%-8s %6s %6s %8s %8s %8s %8s %8s", "phase", "rate/s", "secs",
                    "alerts", "unseen", "p50 ms", "p99 ms", "max ms"));
            lines.forEach(System.out::println);
            System.out.println("highest rate tried with p99 <= " + (int) TARGET_P99_MS + " ms: "
                    + (best == 0 ? "none" : best + " events/s"));
            // the figures mean little without the machine's state: broker, database and service share it
            System.out.println(String.format("machine: %d cores, load average %.1f (broker, PostgreSQL and service"
                    + " on the same machine)", Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            System.out.println();
        }
    }

    private Result run(SseClient client, String phase, int rate, int seconds) throws InterruptedException {
        KafkaProducer<String, String> producer = TestEvents.producer();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        int total = rate * seconds;
        long interval = 1_000_000_000L / rate;
        Instant applied = Instant.now().minusSeconds(900);
        String runId = UUID.randomUUID().toString().substring(0, 6);
        List<Long> latencies = new ArrayList<>(total);
        Thread sender = new Thread(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String patient = "BENCH-" + runId + "-" + i;
                UUID bandId = UUID.randomUUID();
                String record = TestEvents.sessionRecord(patient, "BandTimeWarning", data("sessionId",
                        UUID.randomUUID(), "bandId", bandId, "limb", "LEFT_THIGH", "appliedAt", applied,
                        "warnAt", applied.plusSeconds(900), "deadline", applied.plusSeconds(1200),
                        "raisedAt", applied.plusSeconds(900)));
                sentAt.put(patient, System.nanoTime());
                producer.send(new ProducerRecord<>(TestEvents.SESSION, patient, record));
            }
        }, "benchmark-producer");
        sender.start();
        // a backlog is not a loss: wait for it a good while before counting an alert as unseen
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 60L).toNanos();
        while (latencies.size() < total && System.nanoTime() < deadline) {
            SseClient.Event event = client.next(e -> e.data().contains("BENCH-" + runId),
                    Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event == null) {
                break;
            }
            Matcher patient = PATIENT.matcher(event.data());
            if (patient.find()) {
                Long sent = sentAt.remove(patient.group(1));
                if (sent != null) {
                    latencies.add(event.receivedNanos() - sent);
                }
            }
        }
        sender.join();
        return Result.of(phase, rate, seconds, latencies, total - latencies.size());
    }

    record Result(String phase, int rate, int seconds, int alerts, int unseen, double p50, double p99, double max) {

        static Result of(String phase, int rate, int seconds, List<Long> nanos, int unseen) {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Result(phase, rate, seconds, sorted.length, unseen, millis(sorted, 0.50),
                    millis(sorted, 0.99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
        }

        private static double millis(long[] sorted, double quantile) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(quantile * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }

        String line() {
            return String.format("%-8s %6d %6d %8d %8d %8.1f %8.1f %8.1f", phase, rate, seconds, alerts, unseen, p50,
                    p99, max);
        }
    }
}
