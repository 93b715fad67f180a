package clinic.bfrguard.notification.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

/**
 * A real HTTP server that takes webhooks: it records every request and answers each path with the statuses it was
 * told, in turn, then 200.
 */
public final class WebhookReceiver {

    private static HttpServer server;
    private static final List<Request> REQUESTS = new ArrayList<>();
    private static final Map<String, Deque<Integer>> ANSWERS = new ConcurrentHashMap<>();

    private WebhookReceiver() {
    }

    /** One request as received. */
    public record Request(String path, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** The URL of {@code path} on the receiver. */
    public static synchronized String url(String path) {
        start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests to {@code path} get these statuses, one each, before the receiver answers 200 again. */
    public static void answer(String path, Integer... statuses) {
        ANSWERS.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(statuses));
    }

    public static synchronized List<Request> requests(String path) {
        return REQUESTS.stream().filter(r -> r.path().equals(path)).toList();
    }

    private static synchronized void record(Request request) {
        REQUESTS.add(request);
    }

    private static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            String path = exchange.getRequestURI().getPath();
            record(new Request(path, headers, body));
            Deque<Integer> answers = ANSWERS.get(path);
            Integer status = answers == null ? null : answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }
}
