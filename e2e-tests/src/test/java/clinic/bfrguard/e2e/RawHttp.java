package clinic.bfrguard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
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

    /**
     * A Server-Sent Events stream is read up to the end of its head over a socket of its own, which is then closed:
     * the service sees the stream end at once, as when a browser tab closes (a stream cancelled in the JDK's client
     * may keep its connection open, and each open stream counts against its user's limit).
     */
    private static boolean isStream(Call call) {
        String route = call.path().contains("?") ? call.path().substring(0, call.path().indexOf('?')) : call.path();
        return "GET".equals(call.method()) && route.endsWith("/stream");
    }

    private static Answer streamHead(Call call) {
        URI base = URI.create(E2EStack.url(call.service()));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(call.method() + " " + call.path() + " HTTP/1.1\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
            if (call.token() != null) {
                head.append("Authorization: Bearer ").append(call.token()).append("\r\n");
            }
            if (call.contentType() != null) {
                head.append("Content-Type: ").append(call.contentType()).append("\r\n");
            }
            Map<String, String> headers = new LinkedHashMap<>(call.headers());
            headers.putIfAbsent("Accept", "application/json");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (call.body() != null) {
                head.append("Content-Length: ").append(call.body().length).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (call.body() != null) {
                out.write(call.body());
            }
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String[] lines = readHead(in).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    answerHeaders.put(lines[i].substring(0, colon).trim().toLowerCase(),
                            lines[i].substring(colon + 1).trim());
                }
            }
            String contentType = answerHeaders.get("content-type");
            if (contentType != null && contentType.startsWith("text/event-stream")) {
                return new Answer(status, contentType, new byte[0]);
            }
            byte[] body = "chunked".equalsIgnoreCase(answerHeaders.get("transfer-encoding")) ? readChunked(in)
                    : in.readNBytes(Integer.parseInt(answerHeaders.getOrDefault("content-length", "0")));
            return new Answer(status, contentType, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed inside the answer's head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == end[0] ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return body.toByteArray();
                }
                size.append((char) b);
            }
            String hex = size.toString().trim();
            int length = Integer.parseInt(hex.contains(";") ? hex.substring(0, hex.indexOf(';')) : hex, 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            in.readNBytes(2);
        }
    }

    /** {@code closing}: a request the server refuses by closing the connection (a body or a line over a limit). */
    static CompletableFuture<Answer> send(Call call, boolean closing) {
        if (isStream(call) && !closing) {
            return CompletableFuture.supplyAsync(() -> streamHead(call), READERS);
        }
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
