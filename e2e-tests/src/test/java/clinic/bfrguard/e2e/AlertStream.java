package clinic.bfrguard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A clinician's live alert board, as a client of {@code GET /api/alerts/stream} (Server-Sent Events). */
final class AlertStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final Map<JsonNode, Long> arrivals = Collections.synchronizedMap(new IdentityHashMap<>());
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int status;

    AlertStream(String token) {
        this(token, null);
    }

    /** A client reconnecting as a browser's {@code EventSource} does: with the id of the last event it saw. */
    AlertStream(String token, String lastEventId) {
        this(E2EStack.url("alert-service"), token, lastEventId);
    }

    /** A client of the alert-service at {@code baseUrl} (another replica, say). */
    AlertStream(String baseUrl, String token, String lastEventId) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/alerts/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> {
            status = r.statusCode();
            Thread reader = new Thread(() -> read(r.body()), "alert-stream-reader");
            reader.setDaemon(true);
            reader.start();
        });
    }

    private void read(Stream<String> lines) {
        StringBuilder data = new StringBuilder();
        try {
            lines.forEach(line -> {
                if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                } else if (line.isEmpty() && !data.isEmpty()) {
                    long arrived = System.nanoTime();
                    JsonNode event;
                    try {
                        event = JSON.readTree(data.toString());
                    } catch (IOException e) {
                        event = JSON.createObjectNode().put("unreadable", data.toString());
                    }
                    arrivals.put(event, arrived);
                    events.add(event);
                    data.setLength(0);
                }
            });
        } catch (UncheckedIOException e) {
            // the stream was closed (by close(), or by a service that went away): what arrived is kept
        }
    }

    /** Waits until the stream is open (the server answered 200). */
    AlertStream awaitOpen() throws Exception {
        HttpResponse<?> r = response.get(30, TimeUnit.SECONDS);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("alert stream answered " + r.statusCode());
        }
        return this;
    }

    int status() {
        return status;
    }

    /** The first event (already seen or still to come) that matches, or a failure after {@code timeout}. */
    JsonNode await(String what, Predicate<JsonNode> matches, Duration timeout) throws InterruptedException {
        synchronized (seen) {
            for (JsonNode event : seen) {
                if (matches.test(event)) {
                    return event;
                }
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                break;
            }
            synchronized (seen) {
                seen.add(event);
            }
            if (matches.test(event)) {
                return event;
            }
        }
        throw new AssertionError("no " + what + " on the alert stream within " + timeout.toSeconds() + " s; saw "
                + seen);
    }

    /** When {@code event} (one this stream returned) arrived, on the {@link System#nanoTime()} clock. */
    long arrivedAtNanos(JsonNode event) {
        Long arrived = arrivals.get(event);
        if (arrived == null) {
            throw new IllegalArgumentException("not an event of this stream");
        }
        return arrived;
    }

    /** Every event received so far, in order of arrival. */
    List<JsonNode> received() {
        synchronized (seen) {
            events.drainTo(seen);
            return List.copyOf(seen);
        }
    }

    @Override
    public void close() {
        response.cancel(true);
        response.thenAccept(r -> r.body().close());
    }
}
