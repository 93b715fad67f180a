package clinic.bfrguard.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Prints what the stack is doing and waits for components to become ready. */
final class Progress {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Progress() {
    }

    static void say(String message) {
        System.out.println("[stack] " + message);
        System.out.flush();
    }

    /** Polls {@code ready} until it holds; fails with {@code what} after {@code timeout}. */
    static Duration await(String what, Duration timeout, Process process, BooleanSupplier ready) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextNote = start + Duration.ofSeconds(15).toNanos();
        while (true) {
            if (ready.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(what + " stopped during start (exit " + process.exitValue()
                        + "); see its log");
            }
            long now = System.nanoTime();
            if (now > deadline) {
                throw new IllegalStateException(what + " not ready after " + timeout.toSeconds() + " s; see its log");
            }
            if (now > nextNote) {
                say("  still waiting for " + what + " (" + Duration.ofNanos(now - start).toSeconds() + " s)");
                nextNote = now + Duration.ofSeconds(15).toNanos();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** True when {@code url} answers 200. */
    static boolean answers(String url) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
