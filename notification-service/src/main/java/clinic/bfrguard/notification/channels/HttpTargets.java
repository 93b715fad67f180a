package clinic.bfrguard.notification.channels;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What the channels that POST to an address from a contact point share: a client that never follows a redirect (a
 * page goes only to the address its owner gave), and a send whose failure to connect or answer is a refusal.
 */
final class HttpTargets {

    private HttpTargets() {
    }

    static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The target's status, or a refusal saying why there is none. */
    interface Answer {
        Channel.Outcome of(int status);
    }

    static Channel.Outcome send(HttpClient http, HttpRequest request, Answer answer) {
        try {
            return answer.of(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return Channel.Outcome.refused(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Channel.Outcome.refused("interrupted");
        }
    }
}
