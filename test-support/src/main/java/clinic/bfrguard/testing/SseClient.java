package clinic.bfrguard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A plain HTTP client reading a Server-Sent Events stream, as a browser's EventSource does: events are queued with
 * the time they arrived. {@link #awaitConnected} waits for the server's "connected" comment, sent once the client
 * is registered and has been sent what it missed; {@link #awaitEnd} for the server to end the stream;
 * {@link #awaitComment} for a comment such as the heartbeat.
 */
public final class SseClient implements AutoCloseable {

    /**
     * One event: id and data lines, when its last line arrived (System.nanoTime), and whether it came before the
     * "connected" comment (a replayed change).
     */
    public record Event(String id, String data, long receivedNanos, boolean beforeConnected) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** Comment lines without their colon, as they arrived ("connected", "heartbeat"). */
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<Integer> answered = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Thread reader;
    private volatile InputStream body;
    private volatile HttpResponse<InputStream> response;
    private volatile String errorBody;
    private volatile int status;

    public SseClient(URI uri, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        reader = new Thread(() -> read(client, request.build()), "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    public SseClient awaitConnected(Duration timeout) throws Exception {
        connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public int status() {
        return status;
    }

    /** The answer's status, once its headers are in. */
    public int awaitStatus(Duration timeout) throws Exception {
        return answered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of an answer other than 200. */
    public String errorBody() {
        return errorBody;
    }

    /** Whether the "connected" comment has come, i.e. the replay is over. */
    public boolean isConnected() {
        return connected.isDone() && !connected.isCompletedExceptionally();
    }

    /** Waits for the server to end the stream (its end, or the connection closed); false if it did not. */
    public boolean awaitEnd(Duration timeout) throws Exception {
        try {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** The next event matching {@code filter}, skipping others; null on timeout. */
    public Event next(Predicate<Event> filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Event event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                return null;
            }
            if (filter.test(event)) {
                return event;
            }
        }
    }

    /** The next comment line whose text is {@code text}, skipping others; false on timeout. */
    public boolean awaitComment(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            String comment = comments.poll(left, TimeUnit.NANOSECONDS);
            if (comment == null) {
                return false;
            }
            if (comment.equals(text)) {
                return true;
            }
        }
    }

    private void read(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<InputStream> answer = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response = answer;
            status = answer.statusCode();
            body = answer.body();
            if (status != 200) {
                errorBody = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                answered.complete(status);
                connected.completeExceptionally(new IllegalStateException("stream answered " + status));
                return;
            }
            answered.complete(status);
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String id = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, data.toString(), System.nanoTime(), !connected.isDone()));
                    }
                    id = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                    if (line.contains("connected")) {
                        connected.complete(null);
                    }
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    String part = line.substring(5);
                    part = part.startsWith(" ") ? part.substring(1) : part;
                    data = data == null ? new StringBuilder(part) : data.append('\n').append(part);
                }
            }
            connected.completeExceptionally(new IllegalStateException("the stream ended"));
            ended.complete(null);
        } catch (IOException e) {
            answered.completeExceptionally(e);
            connected.completeExceptionally(e);
            ended.complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            InputStream current = body;
            if (current != null) {
                current.close();
            }
        } catch (IOException ignored) {
            // closing a stream the server may already have closed
        }
        reader.interrupt();
    }

    public static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
