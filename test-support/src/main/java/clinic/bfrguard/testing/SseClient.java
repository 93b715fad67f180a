package clinic.bfrguard.testing;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A plain HTTP/1.1 client reading a Server-Sent Events stream, as a browser's EventSource does: events are queued
 * with the time they arrived. {@link #awaitConnected} waits for the server's "connected" comment, sent once the
 * client is registered and has been sent what it missed; {@link #awaitEnd} for the server to end the stream;
 * {@link #awaitComment} for a comment such as the heartbeat.
 * <p>
 * It speaks HTTP over its own blocking socket and reads it on its own thread as fast as bytes come, so that what a
 * test sees of a stream is what the server sent, with no client library's flow control in between.
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
    /** Response header fields by name, case-insensitive. */
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Socket socket = new Socket();
    private final Thread reader;
    private volatile String errorBody;
    private volatile int status;

    public SseClient(URI uri, String lastEventId) {
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Accept: text/event-stream\r\n");
        if (lastEventId != null) {
            request.append("Last-Event-ID: ").append(lastEventId).append("\r\n");
        }
        request.append("\r\n");
        reader = new Thread(() -> read(uri, request.toString()), "sse-test-client");
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
        synchronized (headers) {
            return headers.get(name);
        }
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

    private void read(URI uri, String request) {
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            status = Integer.parseInt(parts[1]);
            for (String field = line(in); !field.isEmpty(); field = line(in)) {
                int colon = field.indexOf(':');
                if (colon > 0) {
                    synchronized (headers) {
                        headers.put(field.substring(0, colon).trim(), field.substring(colon + 1).trim());
                    }
                }
            }
            InputStream body = body(in);
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
        } catch (IOException | RuntimeException e) {
            answered.completeExceptionally(e);
            connected.completeExceptionally(e);
            ended.complete(null);
        }
    }

    /** The body after the header: chunked, of a stated length, or up to the connection's end. */
    private InputStream body(InputStream in) {
        String encoding;
        String length;
        synchronized (headers) {
            encoding = headers.getOrDefault("Transfer-Encoding", "");
            length = headers.get("Content-Length");
        }
        if (encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new Chunked(in);
        }
        if (length != null) {
            return new Limited(in, Long.parseLong(length));
        }
        return in;
    }

    /** One CRLF-ended line of the header (or of a chunk's size), without its end. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection ended inside the answer's header");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** A body read from the connection's stream, a byte at a time as through a buffer. */
    private abstract static class Body extends FilterInputStream {

        Body(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        /** What is buffered below is the connection's, not necessarily this body's. */
        @Override
        public int available() {
            return 0;
        }
    }

    /** A chunked body (RFC 9112 section 7.1): the chunks' content, ending at the last chunk. */
    private static final class Chunked extends Body {
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            super(in);
        }


        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                int extension = size.indexOf(';');
                left = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read < 0) {
                throw new EOFException("the connection ended inside a chunk");
            }
            left -= read;
            if (left == 0) {
                line(in);
            }
            return read;
        }

    }

    /** A body of a stated length. */
    private static final class Limited extends Body {
        private long left;

        Limited(InputStream in, long length) {
            super(in);
            this.left = length;
        }


        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left == 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }

    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a connection the server may already have closed
        }
    }

    public static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
