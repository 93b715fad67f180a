package clinic.bfrguard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Real access tokens from the stack's Keycloak, for the demo users (password = user name). */
public final class Tokens {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {
    }

    /** Tokens live 5 minutes; one is reused for 2, so the suite logs each user in a few times, not hundreds. */
    private static final Duration REUSE = Duration.ofMinutes(2);
    private static final Map<String, Issued> ISSUED = new ConcurrentHashMap<>();

    private record Issued(String token, Instant at) {
    }

    public static String of(String user) {
        Issued issued = ISSUED.get(user);
        if (issued == null || issued.at().plus(REUSE).isBefore(Instant.now())) {
            // one login per user at a time: callers that find the token old together wait for the same login
            synchronized (ISSUED) {
                issued = ISSUED.get(user);
                if (issued == null || issued.at().plus(REUSE).isBefore(Instant.now())) {
                    issued = new Issued(password(E2EStack.get().settings().realmUrl(), "clinic-web", user, user),
                            Instant.now());
                    ISSUED.put(user, issued);
                }
            }
        }
        return issued.token();
    }

    /** A token of Keycloak's own master realm: valid, signed, but from another realm. */
    static String foreignRealm() {
        return password(E2EStack.get().settings().keycloakUrl() + "/realms/master", "admin-cli", "admin", "admin");
    }

    /** A genuine token of the clinic realm for physio1, but issued to Keycloak's admin-cli: no clinic-api audience. */
    static String withoutAudience() {
        return password(E2EStack.get().settings().realmUrl(), "admin-cli", "physio1", "physio1");
    }

    /**
     * A genuine access token of the clinic realm for physio1, with every claim right, that has run out. Keycloak
     * issues it through a client of its own whose tokens live {@value #SHORT_LIFESPAN_SECONDS} seconds; this waits
     * until the token is past its expiry. The services allow no grace period after {@code exp}
     * ({@code quarkus.oidc.token.lifespan-grace} is unset, so none), the wait adds two seconds for good measure.
     */
    static String expired() {
        String client = "e2e-short-lived";
        createShortLivedClient(client);
        String token = password(E2EStack.get().settings().realmUrl(), client, "physio1", "physio1");
        long exp = claims(token).path("exp").asLong();
        long waitMillis = (exp + 2) * 1000 - System.currentTimeMillis();
        if (waitMillis > 0) {
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return token;
    }

    static final int SHORT_LIFESPAN_SECONDS = 5;

    /**
     * A genuine token of the clinic realm, signed by its key, for the right audience, but with another issuer:
     * Keycloak names the issuer after the host it was asked on, and the services know it as {@code localhost}.
     */
    static String wrongIssuer() {
        return password("http://127.0.0.1:" + E2EStack.get().settings().keycloakPort() + "/realms/clinic",
                "clinic-web", "physio1", "physio1");
    }

    /** The claims of a token, unverified. */
    static JsonNode claims(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A public client of the clinic realm with password grants, audience clinic-api and short-lived tokens. */
    private static void createShortLivedClient(String clientId) {
        String admin = password(E2EStack.get().settings().keycloakUrl() + "/realms/master", "admin-cli", "admin",
                "admin");
        String client = """
                {"clientId": "%s", "enabled": true, "publicClient": true, "protocol": "openid-connect",
                 "standardFlowEnabled": false, "directAccessGrantsEnabled": true,
                 "attributes": {"access.token.lifespan": "%d"},
                 "protocolMappers": [{"name": "audience clinic-api", "protocol": "openid-connect",
                   "protocolMapper": "oidc-audience-mapper", "consentRequired": false,
                   "config": {"included.custom.audience": "clinic-api", "access.token.claim": "true",
                              "id.token.claim": "false", "introspection.token.claim": "true"}}]}
                """.formatted(clientId, SHORT_LIFESPAN_SECONDS);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                            E2EStack.get().settings().keycloakUrl() + "/admin/realms/clinic/clients"))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(client)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 409) {
                throw new IllegalStateException("Keycloak did not create client " + clientId + ": "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code token} with one claim changed and the signature left as it was. */
    static String tampered(String token, String claim, Object value) {
        String[] parts = token.split("\\.");
        try {
            com.fasterxml.jackson.databind.node.ObjectNode payload =
                    (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            payload.set(claim, JSON.valueToTree(value));
            String body = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(payload));
            return parts[0] + "." + body + "." + parts[2];
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code token}'s claims re-sent with {@code alg: none} and no signature. */
    static String unsigned(String token) {
        String[] parts = token.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }

    private static String password(String realmUrl, String client, String user, String password) {
        Map<String, String> form = Map.of("client_id", client, "grant_type", "password", "username", user,
                "password", password);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(realmUrl + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no token for " + user + ": " + response.statusCode() + " "
                        + response.body());
            }
            JsonNode json = JSON.readTree(response.body());
            return json.get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
