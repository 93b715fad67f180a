package clinic.bfrguard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static clinic.bfrguard.e2e.Api.as;
import static clinic.bfrguard.e2e.Api.newPatient;
import static clinic.bfrguard.e2e.Api.screen;
import static clinic.bfrguard.e2e.Api.startSessionOnce;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * From the API call that causes a paging alert (a symptom report) to the e-mail accepted by the stack's SMTP server
 * and to the webhook received here, at a steady {@code benchmark.rate} paging alerts a second for
 * {@code benchmark.seconds}, the whole stack on this machine. Figures are printed, never asserted; the run checks
 * only that every alert was paged once on each channel. Run alone:
 * {@code ./mvnw -B verify -pl e2e-tests -am -Dit.test=NotificationLatencyBenchmark -Dsurefire.skip=true}.
 * <p>
 * The e-mail's moment is the notification-service's {@code NotificationSent} {@code at} (taken when the SMTP server
 * has answered the message's end of data); the webhook's is its arrival here. Both clocks are this machine's.
 * The clinician acknowledges each alert as its webhook arrives, as one would, so that no escalation adds pages.
 */
class NotificationLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every symptom pages (HIGH or CRITICAL), so one session gives six alerts. */
    private static final List<String> SYMPTOMS = List.of("NUMBNESS", "DIZZINESS", "SKIN_DISCOLOURATION", "PAIN",
            "TINGLING", "OTHER");

    @Test
    void pagingLatencyAtASteadyRate() throws Exception {
        int rate = Integer.getInteger("benchmark.rate", 20);
        int seconds = Integer.getInteger("benchmark.seconds", 60);
        int alerts = rate * seconds;
        E2EStack.get();

        Map<String, Long> webhookAt = new ConcurrentHashMap<>();
        ExecutorService acknowledging = Executors.newFixedThreadPool(2);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/pager", exchange -> {
            long now = System.currentTimeMillis();
            JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String alertId = event.path("data").path("alertId").asText();
            if (webhookAt.putIfAbsent(alertId, now) == null) {
                acknowledging.execute(() -> as("clinician1", "alert-service")
                        .post("/api/alerts/" + alertId + "/acknowledge"));
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        receiver.start();
        try {
            as("clinician1", "notification-service").body(Map.of("email", "clinician1@clinic.example", "webhooks",
                    List.of(Map.of("name", "pager", "format", "CLOUDEVENTS", "url",
                            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/pager"))))
                    .put("/api/oncall/me/contacts").then().statusCode(200);
            as("admin1", "notification-service").body(Map.of("timeZone", "Europe/Madrid", "handoff", "08:00",
                    "rotationStart", "2026-01-05", "steps", List.of(Map.of("name", "primary", "members",
                            List.of("clinician1"))), "overrides", List.of()))
                    .put("/api/oncall/north").then().statusCode(200);

            // warm-up, not measured: the first page waits for the consumer group to be assigned alert-events (the
            // topic appears with the first alert on a fresh stack) and for the JVMs to compile the paths
            String warmUpPatient = newPatient();
            screen("physio1", warmUpPatient, "[]").then().statusCode(201);
            String warmUpSession = startSessionOnce(warmUpPatient, r -> r.statusCode() == 201, Duration.ofSeconds(60))
                    .then().statusCode(201).extract().path("id");
            long warmUpStart = System.currentTimeMillis();
            for (String symptom : SYMPTOMS) {
                as("physio1", "session-service").body("{\"symptom\":\"" + symptom + "\"}")
                        .post("/api/sessions/" + warmUpSession + "/symptoms").then().statusCode(201);
            }
            long warmUpUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (webhookAt.size() < SYMPTOMS.size() && System.nanoTime() < warmUpUntil) {
                Thread.sleep(100);
            }
            System.out.printf("NotificationLatencyBenchmark: warm-up: %d of %d pages in %d ms%n", webhookAt.size(),
                    SYMPTOMS.size(), System.currentTimeMillis() - warmUpStart);
            Thread.sleep(2000);
            webhookAt.clear();

            int sessions = (alerts + SYMPTOMS.size() - 1) / SYMPTOMS.size();
            List<String[]> prepared = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                String patient = newPatient();
                screen("physio1", patient, "[]").then().statusCode(201);
                Response started = startSessionOnce(patient, r -> r.statusCode() == 201, Duration.ofSeconds(60));
                prepared.add(new String[] {patient, started.then().statusCode(201).extract().path("id")});
            }
            System.out.printf("NotificationLatencyBenchmark: %d sessions ready, %d paging alerts at %d/s%n",
                    sessions, alerts, rate);

            Map<String, Long> calledAt = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            // the pacer only hands calls out, so a slow answer never delays the next call
            ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
            ExecutorService calling = Executors.newFixedThreadPool(32);
            long periodMicros = 1_000_000L / rate;
            pacer.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i >= alerts) {
                    return;
                }
                String[] session = prepared.get(i / SYMPTOMS.size());
                String symptom = SYMPTOMS.get(i % SYMPTOMS.size());
                // the moment the call is due, not when a caller thread is free: a stack that cannot keep up shows
                // as latency instead of as a lower rate
                calledAt.put(session[0] + "/" + symptom, System.currentTimeMillis());
                calling.execute(() -> {
                    int status = as("physio1", "session-service").body("{\"symptom\":\"" + symptom + "\"}")
                            .post("/api/sessions/" + session[1] + "/symptoms").statusCode();
                    if (status != 201) {
                        refused.incrementAndGet();
                    }
                });
            }, 0, periodMicros, TimeUnit.MICROSECONDS);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 60L);
            while (webhookAt.size() < alerts && System.nanoTime() < end) {
                Thread.sleep(500);
            }
            pacer.shutdownNow();
            calling.shutdownNow();

            Map<String, String> causeOfAlert = new ConcurrentHashMap<>();
            for (String[] session : prepared) {
                JsonNode list = JSON.readTree(as("clinician1", "alert-service").queryParam("patientId", session[0])
                        .queryParam("limit", 50).get("/api/alerts").then().statusCode(200).extract().asString());
                for (JsonNode alert : list) {
                    String key = alert.path("dedupKey").asText();
                    causeOfAlert.put(alert.path("id").asText(),
                            session[0] + "/" + key.substring(key.lastIndexOf(':') + 1));
                }
            }
            Map<String, Long> raisedAt = new ConcurrentHashMap<>();
            Map<String, Long> publishedAt = new ConcurrentHashMap<>();
            for (ConsumerRecord<String, String> record : KafkaTopics.readAll("alert-events")) {
                JsonNode event = JSON.readTree(record.value());
                if (event.path("type").asText().equals("AlertRaised")) {
                    String alertId = event.path("data").path("alertId").asText();
                    raisedAt.putIfAbsent(alertId, Instant.parse(event.path("time").asText()).toEpochMilli());
                    // the relay's producer stamps the record when it sends it
                    publishedAt.putIfAbsent(alertId, record.timestamp());
                }
            }
            // the notification-service's consumer wrote the pages (created_at) in its transaction
            Map<String, Long> writtenAt = new ConcurrentHashMap<>();
            for (String alertId : webhookAt.keySet()) {
                JsonNode trail = JSON.readTree(as("clinician1", "notification-service").queryParam("alertId", alertId)
                        .get("/api/notifications").then().statusCode(200).extract().asString());
                for (JsonNode notification : trail) {
                    if (notification.path("kind").asText().equals("TRIGGER")) {
                        writtenAt.merge(alertId, Instant.parse(notification.path("createdAt").asText())
                                .toEpochMilli(), Math::min);
                    }
                }
            }
            Map<String, Long> emailAt = new ConcurrentHashMap<>();
            for (ConsumerRecord<String, String> record : KafkaTopics.readAll("notification-events")) {
                JsonNode event = JSON.readTree(record.value());
                JsonNode data = event.path("data");
                if (event.path("type").asText().equals("NotificationSent") && data.path("channel").asText()
                        .equals("email") && data.path("kind").asText().equals("TRIGGER")) {
                    emailAt.putIfAbsent(data.path("alertId").asText(),
                            Instant.parse(data.path("at").asText()).toEpochMilli());
                }
            }
            Map<String, Long> calledOfAlert = new ConcurrentHashMap<>();
            causeOfAlert.forEach((alertId, cause) -> {
                Long called = calledAt.get(cause);
                if (called != null) {
                    calledOfAlert.put(alertId, called);
                }
            });
            List<Long> webhook = between(calledOfAlert, webhookAt);
            List<Long> email = between(calledOfAlert, emailAt);
            System.out.printf("NotificationLatencyBenchmark: %d alerts at %d/s for %d s, %d refused calls%n", alerts,
                    rate, seconds, refused.get());
            print("API call -> e-mail accepted by SMTP", email, alerts);
            print("API call -> webhook received", webhook, alerts);
            // where the time goes: until the alert-service committed AlertRaised, and from there to the webhook
            List<Long> raised = between(calledOfAlert, raisedAt);
            // the stage whose rate falls below the calls' rate is where the backlog forms
            long first = calledOfAlert.isEmpty() ? 0 : Collections.min(calledOfAlert.values());
            printRate("symptom reports sent", calledOfAlert, first);
            printRate("AlertRaised committed", raisedAt, first);
            printRate("AlertRaised sent to Kafka", publishedAt, first);
            printRate("pages written by the consumer", writtenAt, first);
            printRate("webhooks received", webhookAt, first);
            print("  of which API call -> AlertRaised committed", raised, alerts);
            print("  of which AlertRaised committed -> webhook received", between(raisedAt, webhookAt), alerts);
            print("    AlertRaised committed -> sent to Kafka by the relay", between(raisedAt, publishedAt), alerts);
            print("    sent to Kafka -> pages written by the consumer", between(publishedAt, writtenAt), alerts);
            print("    pages written -> webhook received", between(writtenAt, webhookAt), alerts);
            assertThat(refused.get()).as("symptom reports refused").isZero();
            assertThat(webhook).as("alerts whose webhook arrived").hasSize(alerts);
            assertThat(email).as("alerts whose e-mail was accepted").hasSize(alerts);
        } finally {
            receiver.stop(0);
            acknowledging.shutdownNow();
            as("clinician1", "notification-service").body(Map.of("email", "clinician1@clinic.example"))
                    .put("/api/oncall/me/contacts");
        }
    }

    /** How many of the moments fall in each 10 s from {@code first}: a stage that keeps up follows the calls. */
    private static void printRate(String what, Map<String, Long> at, long first) {
        if (at.isEmpty()) {
            return;
        }
        int[] buckets = new int[(int) (Math.max(0, Collections.max(at.values()) - first) / 10_000) + 1];
        at.values().forEach(millis -> buckets[(int) (Math.max(0, millis - first) / 10_000)]++);
        StringBuilder line = new StringBuilder();
        for (int count : buckets) {
            line.append(' ').append(count);
        }
        System.out.printf("NotificationLatencyBenchmark: %s per 10 s:%s%n", what, line);
    }

    /** Per alert, the time from its moment in {@code from} to its moment in {@code to}, sorted. */
    private static List<Long> between(Map<String, Long> from, Map<String, Long> to) {
        List<Long> latencies = new ArrayList<>();
        to.forEach((alertId, millis) -> {
            Long start = from.get(alertId);
            if (start != null) {
                latencies.add(millis - start);
            }
        });
        Collections.sort(latencies);
        return latencies;
    }

    private static void print(String what, List<Long> sorted, int expected) {
        if (sorted.isEmpty()) {
            System.out.printf("NotificationLatencyBenchmark: %s: none of %d%n", what, expected);
            return;
        }
        System.out.printf("NotificationLatencyBenchmark: %s: n=%d of %d, p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                what, sorted.size(), expected, percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
