package clinic.bfrguard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Requests exactly as written: raw path, raw bytes, any content type or none. REST Assured would encode, fix and
 * complete them, which is what these tests must not do.
 */
final class RawHttp {

    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "raw-http");
        thread.setDaemon(true);
        return thread;
    });
    private static final HttpClient CLIENT = client();
    /** For requests the server answers by closing the connection: their connections serve no other request. */
    private static final HttpClient CLOSING = client();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RawHttp() {
    }

    /** A request; {@code contentType} null sends none, {@code body} null sends none. */
    record Call(String service, String method, String path, String token, String contentType, byte[] body,
            Map<String, String> headers) {

        Call(String service, String method, String path, String token, String contentType, byte[] body) {
            this(service, method, path, token, contentType, body, Map.of());
        }

        String describe() {
            return method + " " + E2EStack.url(service) + abbreviate(path, 200)
                    + (contentType == null ? "" : " [" + contentType + "]")
                    + (body == null ? "" : " body(" + body.length + " B): " + abbreviate(
                    new String(body, StandardCharsets.UTF_8), 300))
                    + (headers.isEmpty() ? "" : " headers " + headers);
        }
    }

    /** The answer; a Server-Sent Events stream is closed after its head, its body left empty. */
    record Answer(int status, String contentType, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        /** Why this is not an RFC 9457 answer, or null when it is one. */
        String problemDefect() {
            if (contentType == null || !contentType.toLowerCase().startsWith("application/problem+json")) {
                return "Content-Type " + contentType + " instead of application/problem+json";
            }
            JsonNode problem = json();
            if (problem == null || !problem.isObject()) {
                return "body is not a JSON object: " + abbreviate(text(), 200);
            }
            if (!problem.path("status").isInt() || problem.path("status").asInt() != status) {
                return "body has no status " + status + ": " + abbreviate(text(), 200);
            }
            if (!problem.path("title").isTextual() || problem.path("title").asText().isBlank()) {
                return "body has no title: " + abbreviate(text(), 200);
            }
            return null;
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    static CompletableFuture<Answer> send(Call call) {
        return send(call, false);
    }

    /** {@code closing}: a request the server refuses by closing the connection (a body or a line over a limit). */
    static CompletableFuture<Answer> send(Call call, boolean closing) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(E2EStack.url(call.service()) + call.path()))
                .timeout(Duration.ofSeconds(60))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (call.token() != null) {
            request.header("Authorization", "Bearer " + call.token());
        }
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        Map<String, String> headers = new LinkedHashMap<>(call.headers());
        headers.putIfAbsent("Accept", "application/json");
        headers.forEach(request::header);
        return (closing ? CLOSING : CLIENT).sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .thenApplyAsync(RawHttp::read, READERS);
    }

    static Answer sendNow(Call call) {
        try {
            return send(call).join();
        } catch (RuntimeException e) {
            throw new IllegalStateException(call.describe() + " failed: " + e.getMessage(), e);
        }
    }

    private static Answer read(HttpResponse<InputStream> response) {
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        try (InputStream body = response.body()) {
            if (contentType != null && contentType.startsWith("text/event-stream")) {
                return new Answer(response.statusCode(), contentType, new byte[0]);
            }
            return new Answer(response.statusCode(), contentType, body.readNBytes(1 << 20));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether a request failed before any byte of an answer because its pooled connection had just been closed by
     * the server (the client learns of it only when it reuses the connection): nothing reached the service.
     */
    static boolean staleConnection(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof IOException && e.getMessage() != null
                    && e.getMessage().contains("header parser received no bytes")) {
                return true;
            }
        }
        return false;
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
    }
}
