package clinic.bfrguard.e2e;

import clinic.bfrguard.e2e.Endpoints.Endpoint;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static clinic.bfrguard.e2e.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint of {@link Endpoints} × every kind of caller, with real tokens of the stack's Keycloak: the roles
 * get exactly what {@link Endpoints} grants them (the allowed role's request succeeds, or finds nothing for an
 * unknown id; any other role gets 403), and a missing, expired, foreign or forged token gets 401. Each cell is a
 * test of its own, named after endpoint and caller.
 */
class RoleMatrixIT {

    /** A kind of caller: a role's user, or a token that must not be accepted. */
    private record Caller(String name, String role, Supplier<String> token) {
    }

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static String patientId;
    private static String screeningId;
    private static String sessionId;

    private static final List<Caller> CALLERS = List.of(
            new Caller("no token", null, () -> null),
            new Caller("physiotherapist", Endpoints.PHYSIO, () -> Tokens.of("physio1")),
            new Caller("clinician", Endpoints.CLINICIAN, () -> Tokens.of("clinician1")),
            new Caller("clinic-admin", Endpoints.ADMIN, () -> Tokens.of("admin1")),
            new Caller("expired token", null, () -> TOKENS.computeIfAbsent("expired", k -> Tokens.expired())),
            new Caller("wrong audience", null, () -> TOKENS.computeIfAbsent("audience", k -> Tokens.withoutAudience())),
            new Caller("wrong issuer", null, () -> TOKENS.computeIfAbsent("issuer", k -> Tokens.wrongIssuer())),
            new Caller("unsigned (alg none)", null, () -> Tokens.unsigned(Tokens.of("clinician1"))),
            new Caller("tampered (roles raised, signature kept)", null, () -> Tokens.tampered(Tokens.of("physio1"),
                    "realm_access", Map.of("roles", List.of("physiotherapist", "clinician", "clinic-admin")))));


    @BeforeAll
    static void prepare() throws InterruptedException {
        E2EStack.get();
        // a patient with a completed session, so the one allowed start of a session in the matrix succeeds
        patientId = Api.newPatient();
        screeningId = Api.screen("physio1", patientId, "[]").then().statusCode(201).extract().path("id");
        Response started = Api.startSessionOnce(patientId, r -> r.statusCode() == 201);
        assertEquals(201, started.statusCode(), "no session for the matrix patient: " + started.asString());
        sessionId = started.path("id");
        as("physio1", "session-service").post("/api/sessions/" + sessionId + "/complete").then().statusCode(200);
        // a clinician with contact points, so the matrix's start-of-shift test has a channel to try
        as("clinician1", "notification-service").body("{\"email\":\"clinician1@clinic.example\"}")
                .put("/api/oncall/me/contacts").then().statusCode(200);
        // the forged tokens are what they claim to be
        assertNotEquals(Tokens.claims(Tokens.of("physio1")).path("iss").asText(),
                Tokens.claims(TOKENS.computeIfAbsent("issuer", k -> Tokens.wrongIssuer())).path("iss").asText());
        TOKENS.computeIfAbsent("expired", k -> Tokens.expired());
        long exp = Tokens.claims(TOKENS.get("expired")).path("exp").asLong();
        assertTrue(exp * 1000 < System.currentTimeMillis(), "the expired token is not expired yet");
    }

    @TestFactory
    Stream<DynamicContainer> everyEndpointForEveryCaller() {
        return Endpoints.ALL.stream().map(endpoint -> DynamicContainer.dynamicContainer(endpoint.name(),
                CALLERS.stream().map(caller -> DynamicTest.dynamicTest(
                        caller.name() + " → " + expected(endpoint, caller), () -> check(endpoint, caller)))));
    }

    private static int expected(Endpoint endpoint, Caller caller) {
        if (caller.role() == null) {
            return 401;
        }
        return endpoint.roles().contains(caller.role()) ? endpoint.allowedStatus() : 403;
    }

    private static void check(Endpoint endpoint, Caller caller) {
        int expected = expected(endpoint, caller);
        RawHttp.Call call = call(endpoint, caller.token().get());
        RawHttp.Answer answer = RawHttp.sendNow(call);
        assertEquals(expected, answer.status(), () -> caller.name() + " on " + endpoint.name() + ": expected "
                + expected + " but got " + answer.status() + "\n  request: " + call.describe() + "\n  answer: "
                + RawHttp.abbreviate(answer.text(), 500));
        if (expected >= 400) {
            assertNull(answer.problemDefect(), () -> caller.name() + " on " + endpoint.name() + ": the "
                    + answer.status() + " is not problem+json: " + answer.problemDefect());
        }
    }

    private static RawHttp.Call call(Endpoint endpoint, String token) {
        String path = fill(endpoint.path());
        byte[] body = endpoint.bodyTemplate() == null ? null
                : fill(endpoint.bodyTemplate()).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = endpoint.stream() ? Map.of("Accept", "text/event-stream") : Map.of();
        return new RawHttp.Call(endpoint.service(), endpoint.method(), path, token,
                body == null ? null : "application/json", body, headers);
    }

    private static String fill(String template) {
        String filled = template.replace("{patientId}", patientId).replace("{screeningId}", screeningId)
                .replace("{sessionId}", sessionId).replace("{newPatient}", Api.newPatient());
        List<String> parts = new ArrayList<>(List.of(filled.split("\\{randomId}", -1)));
        StringBuilder out = new StringBuilder(parts.get(0));
        for (int i = 1; i < parts.size(); i++) {
            out.append(UUID.randomUUID()).append(parts.get(i));
        }
        return out.toString();
    }
}
