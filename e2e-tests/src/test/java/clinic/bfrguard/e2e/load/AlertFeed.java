package clinic.bfrguard.e2e.load;

import clinic.bfrguard.e2e.E2EStack;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A clinician's alert board: records when each alert's RAISED change arrives, by the alert's dedup key. */
final class AlertFeed implements AutoCloseable {

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

    AlertFeed(HttpClient http, String token) {
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
                JsonNode change = Json.parse(line.substring(5).trim());
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
