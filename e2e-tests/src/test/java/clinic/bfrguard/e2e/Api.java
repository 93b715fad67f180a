package clinic.bfrguard.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** Calls of the public APIs as the demo users make them. */
final class Api {

    private Api() {
    }

    private static final Set<String> PATIENTS = ConcurrentHashMap.newKeySet();

    /** A patient id of its own for each test; every one handed out is remembered for {@link #patientsSoFar()}. */
    static String newPatient() {
        String patientId = "E2E-" + UUID.randomUUID().toString().substring(0, 8);
        PATIENTS.add(patientId);
        return patientId;
    }

    /** The patient ids this test run has used so far. */
    static Set<String> patientsSoFar() {
        return Set.copyOf(PATIENTS);
    }

    static RequestSpecification as(String user, String service) {
        return given().baseUri(E2EStack.url(service))
                .auth().oauth2(Tokens.of(user))
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    static Response screen(String user, String patientId, String conditionsJson) {
        return as(user, "screening-service")
                .body("{\"patientId\":\"" + patientId + "\",\"systolic\":122,\"diastolic\":78,\"conditions\":"
                        + conditionsJson + "}")
                .post("/api/screenings");
    }

    static Response startSession(String patientId) {
        return as("physio1", "session-service").body("{\"patientId\":\"" + patientId + "\"}").post("/api/sessions");
    }

    /**
     * The session-service learns of screenings from events, a moment after the screening-service answered: retries
     * starting a session until the answer satisfies {@code settled}.
     */
    static Response startSessionOnce(String patientId, Predicate<Response> settled) throws InterruptedException {
        return startSessionOnce(patientId, settled, Duration.ofSeconds(20));
    }

    /** As above, retrying for at most {@code patience}. */
    static Response startSessionOnce(String patientId, Predicate<Response> settled, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Response last;
        do {
            last = startSession(patientId);
            if (settled.test(last)) {
                return last;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return last;
    }
}
