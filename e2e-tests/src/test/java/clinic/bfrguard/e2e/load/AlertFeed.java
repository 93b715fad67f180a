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
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clinician's alert board: records when each alert's RAISED change arrives, by the alert's dedup key. Like the
 * web console, it reconnects with a fresh token and {@code Last-Event-ID} when the service ends the stream (at the
 * token's expiry), so that it follows a run longer than a token lives.
 */
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
    private final HttpClient http;
    private final Supplier<String> token;
    private final CompletableFuture<HttpResponse<Stream<String>>> first;
    private volatile CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile String lastEventId;
    private volatile boolean closed;

    AlertFeed(HttpClient http, Supplier<String> token) {
        this.http = http;
        this.token = token;
        first = connect();
    }

    private CompletableFuture<HttpResponse<Stream<String>>> connect() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(E2EStack.url("alert-service")
                        + "/api/alerts/stream"))
                .header("Authorization", "Bearer " + token.get())
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        CompletableFuture<HttpResponse<Stream<String>>> next = http.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofLines());
        response = next;
        next.thenAccept(r -> {
            Thread reader = new Thread(() -> read(r), "load-alert-stream");
            reader.setDaemon(true);
            reader.start();
        });
        return next;
    }

    void awaitOpen() throws Exception {
        HttpResponse<?> r = first.get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as("alert stream").isEqualTo(200);
    }

    private void read(HttpResponse<Stream<String>> answer) {
        try {
            readAll(answer.body());
        } catch (UncheckedIOException e) {
            // the stream was closed at the end of the run, or broke
        }
        if (!closed && answer.statusCode() == 200) {
            connect();
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
                // the event's id is its seq: a reconnect goes on after the last change taken in
                lastEventId = change.path("seq").asText();
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        CompletableFuture<HttpResponse<Stream<String>>> current = response;
        current.cancel(true);
        current.thenAccept(r -> r.body().close());
    }
}
