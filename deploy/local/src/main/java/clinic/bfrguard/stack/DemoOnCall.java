package clinic.bfrguard.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's on-call, set up through the notification-service's own API with real tokens of the demo users, as a
 * clinician and clinic IT would: each demo clinician's e-mail contact, then a schedule for each site (a schedule that
 * names a clinician without a contact is refused, so the contacts come first). Site north: clinician1 primary,
 * clinician2 secondary; site south: clinician3. An alert of a demo patient then pages its site's clinician, whose
 * mailbox on the stack's mail server receives it.
 *
 * <p>Done once per data directory (a marker file records it), so that what a demo user changes afterwards stays as
 * they left it; {@code --clean} starts afresh and sets it up again. A failed call does not stop the stack: it is
 * reported with what was left undone, and the next start tries again.
 */
final class DemoOnCall {

    static final String MARKER = "demo-oncall-done";

    private static final List<String> CLINICIANS = List.of("clinician1", "clinician2", "clinician3");
    private static final String ADMIN = "admin1";
    private static final String NORTH = """
            {"timeZone":"Europe/Madrid","handoff":"08:00","rotationStart":"2026-01-05",
             "steps":[{"name":"primary","members":["clinician1"],"shiftDays":7},
                      {"name":"secondary","members":["clinician2"],"shiftDays":7}],
             "overrides":[]}""";
    private static final String SOUTH = """
            {"timeZone":"Europe/Madrid","handoff":"08:00","rotationStart":"2026-01-05",
             "steps":[{"name":"primary","members":["clinician3"],"shiftDays":7}],
             "overrides":[]}""";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Call(String user, String path, String body) {

        String describe() {
            return "PUT " + path + " as " + user;
        }
    }

    private DemoOnCall() {
    }

    /** Sets the demo on-call up unless it was already; true when it is in place, false after a failure (reported). */
    static boolean setUp(StackSettings settings) {
        Path marker = settings.workDirectory().resolve(MARKER);
        if (Files.exists(marker)) {
            Progress.say("demo on-call as set up on an earlier start (--clean sets it up afresh)");
            return true;
        }
        List<Call> calls = new ArrayList<>();
        for (String clinician : CLINICIANS) {
            calls.add(new Call(clinician, "/api/oncall/me/contacts",
                    "{\"email\":\"" + clinician + "@clinic.example\",\"webhooks\":[]}"));
        }
        calls.add(new Call(ADMIN, "/api/oncall/north", NORTH));
        calls.add(new Call(ADMIN, "/api/oncall/south", SOUTH));
        String api = settings.serviceUrl("notification-service");
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            String failure = put(settings, api, call);
            if (failure != null) {
                Progress.say("demo on-call NOT set up: " + call.describe() + " failed: " + failure);
                Progress.say("  left undone: " + calls.subList(i, calls.size()).stream().map(Call::describe).toList());
                Progress.say("  the stack runs on without it: alerts stay on the board, nobody is paged;"
                        + " the next start tries again (BFR_DEMO_ONCALL=0 skips it)");
                return false;
            }
        }
        try {
            Files.writeString(marker, "set up " + Instant.now() + "\n");
        } catch (IOException e) {
            Progress.say("demo on-call set up, but " + marker + " could not be written: " + e.getMessage());
        }
        Progress.say("demo on-call set up: north clinician1 (primary), clinician2 (secondary); south clinician3");
        return true;
    }

    /** Null when the call succeeded, else what went wrong. */
    private static String put(StackSettings settings, String api, Call call) {
        try {
            String token = token(settings, call.user());
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + call.path()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(call.body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                return "HTTP " + response.statusCode() + " " + excerpt(response.body());
            }
            return null;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (IllegalStateException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * An access token of the local realm for a demo user (password = user name), by a password grant of the web
     * console's client, which the local realm allows for exactly such scripted logins.
     */
    private static String token(StackSettings settings, String user) throws IOException, InterruptedException {
        String form = "client_id=clinic-web&grant_type=password&username=" + encode(user) + "&password=" + encode(user);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(settings.realmUrl() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak gave no token for " + user + ": HTTP " + response.statusCode()
                    + " " + excerpt(response.body()));
        }
        JsonNode token = JSON.readTree(response.body()).path("access_token");
        if (!token.isTextual()) {
            throw new IllegalStateException("Keycloak's answer for " + user + " holds no access token");
        }
        return token.asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The start of an answer, on one line: enough to see a problem's title and detail. */
    private static String excerpt(String body) {
        String line = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
