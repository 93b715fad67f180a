package clinic.bfrguard.session.events;

import clinic.bfrguard.session.support.Patients;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.TopicRecords;
import clinic.bfrguard.testing.Waiting;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static clinic.bfrguard.session.support.ScreeningFeed.clearanceGranted;
import static clinic.bfrguard.session.support.ScreeningFeed.screeningCompleted;
import static clinic.bfrguard.session.support.ScreeningFeed.send;
import static clinic.bfrguard.session.support.ScreeningFeed.sendRaw;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The eligibility view follows the real screening-events topic, and session starts follow the view. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
@TestSecurity(user = "physio1", roles = "physiotherapist")
class EligibilityTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    EntityManager em;

    private static Response start(String patientId) {
        return given().contentType(ContentType.JSON).body(Map.of("patientId", patientId))
                .when().post("/api/sessions");
    }

    /** Waits until starting a session answers {@code status} with a detail containing {@code detail}. */
    private static Response startUntil(String patientId, int status, String detail) {
        return Waiting.until("a start answering " + status, WAIT, () -> start(patientId),
                answer -> answer.statusCode() == status
                        && (detail == null || answer.jsonPath().getString("detail").contains(detail)),
                answer -> "start answered " + answer.statusCode() + " " + answer.asString());
    }

    /** Starting a session is refused right now, with a detail that says each of {@code details}. */
    private static void refusedNow(String patientId, String... details) {
        Response answer = start(patientId);
        answer.then().statusCode(409);
        assertThat(answer.jsonPath().getString("detail")).contains(details);
    }

    private boolean processed(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from processed_event where event_id = :id and consumer = 'session-service'")
                .setParameter("id", eventId).getSingleResult()).intValue() == 1);
    }

    private static Instant now() {
        return Instant.now();
    }

    @Test
    void noScreeningIsRefused() {
        Response answer = start(Patients.fresh());
        answer.then().statusCode(409).contentType("application/problem+json");
        assertThat(answer.jsonPath().getString("detail")).contains("not been screened");
    }

    @Test
    void contraindicatedIsRefused() {
        String patient = Patients.fresh();
        send(patient, "ScreeningCompleted", screeningCompleted(UUID.randomUUID(), "CONTRAINDICATED", 5,
                now(), now().plus(Duration.ofDays(90)), List.of()));
        Response answer = startUntil(patient, 409, "contraindicated");
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void reviewRequiredIsRefusedUntilAClinicianClearsIt() {
        String patient = Patients.fresh();
        UUID screening = UUID.randomUUID();
        Instant validUntil = now().plus(Duration.ofDays(90));
        send(patient, "ScreeningCompleted", screeningCompleted(screening, "REVIEW_REQUIRED", 3, now(), validUntil,
                List.of()));
        startUntil(patient, 409, "awaits a clinician's clearance");

        send(patient, "ClearanceGranted", clearanceGranted(screening, now(), validUntil));
        Response started = startUntil(patient, 201, null);
        assertThat(started.jsonPath().getString("physiotherapist")).isEqualTo("physio1");
        assertThat(started.jsonPath().getString("status")).isEqualTo("ACTIVE");
    }

    @Test
    void expiredScreeningIsRefused() {
        String patient = Patients.fresh();
        send(patient, "ScreeningCompleted", screeningCompleted(UUID.randomUUID(), "CLEARED", 0,
                now().minus(Duration.ofDays(91)), now().minus(Duration.ofDays(1)), List.of()));
        startUntil(patient, 409, "expired");
    }

    @Test
    void aClearanceOfAnOlderScreeningDoesNotClearANewerOne() {
        String patient = Patients.fresh();
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        Instant validUntil = now().plus(Duration.ofDays(90));
        send(patient, "ScreeningCompleted", screeningCompleted(older, "REVIEW_REQUIRED", 2,
                now().minus(Duration.ofDays(2)), validUntil, List.of()));
        send(patient, "ScreeningCompleted", screeningCompleted(newer, "REVIEW_REQUIRED", 4,
                now().minus(Duration.ofDays(1)), validUntil, List.of()));
        UUID oldClearance = send(patient, "ClearanceGranted", clearanceGranted(older, now(), validUntil));
        Waiting.until("the old clearance processed", WAIT, () -> processed(oldClearance));
        refusedNow(patient, "4 points", "awaits");

        send(patient, "ClearanceGranted", clearanceGranted(newer, now(), validUntil));
        startUntil(patient, 201, null);
    }

    @Test
    void aClearanceArrivingBeforeItsScreeningClearsIt() {
        String patient = Patients.fresh();
        UUID screening = UUID.randomUUID();
        Instant screenedAt = now().minus(Duration.ofMinutes(5));
        Instant validUntil = now().plus(Duration.ofDays(90));
        UUID clearance = send(patient, "ClearanceGranted", clearanceGranted(screening, now(), validUntil));
        Waiting.until("the clearance processed", WAIT, () -> processed(clearance));
        refusedNow(patient, "not been screened");

        send(patient, "ScreeningCompleted", screeningCompleted(screening, "REVIEW_REQUIRED", 3, screenedAt,
                validUntil, List.of()));
        startUntil(patient, 201, null);
    }

    @Test
    void anEarlyClearanceNeverClearsAnotherScreening() {
        String patient = Patients.fresh();
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        Instant validUntil = now().plus(Duration.ofDays(90));
        UUID clearance = send(patient, "ClearanceGranted",
                clearanceGranted(older, now().minus(Duration.ofDays(1)), validUntil));
        Waiting.until("the clearance processed", WAIT, () -> processed(clearance));
        send(patient, "ScreeningCompleted", screeningCompleted(newer, "REVIEW_REQUIRED", 4, now(), validUntil,
                List.of()));
        startUntil(patient, 409, "awaits a clinician's clearance");

        // The older screening arriving late changes nothing either.
        UUID late = send(patient, "ScreeningCompleted", screeningCompleted(older, "REVIEW_REQUIRED", 3,
                now().minus(Duration.ofDays(2)), validUntil, List.of()));
        Waiting.until("the late screening processed", WAIT, () -> processed(late));
        refusedNow(patient, "4 points", "awaits");
    }

    @Test
    void aScreeningArrivingLateDoesNotReplaceANewerOne() {
        String patient = Patients.fresh();
        send(patient, "ScreeningCompleted", screeningCompleted(UUID.randomUUID(), "CLEARED", 0, now(),
                now().plus(Duration.ofDays(90)), List.of()));
        UUID late = send(patient, "ScreeningCompleted", screeningCompleted(UUID.randomUUID(), "CONTRAINDICATED", 5,
                now().minus(Duration.ofDays(30)), now().plus(Duration.ofDays(60)), List.of()));
        Waiting.until("the late screening processed", WAIT, () -> processed(late));
        start(patient).then().statusCode(201);
    }

    @Test
    void aRedeliveredScreeningEventChangesNothing() {
        String patient = Patients.fresh();
        UUID screening = UUID.randomUUID();
        Instant screenedAt = now();
        Instant validUntil = now().plus(Duration.ofDays(90));
        Map<String, Object> review = screeningCompleted(screening, "REVIEW_REQUIRED", 3, screenedAt, validUntil,
                List.of());
        UUID reviewEvent = send(patient, "ScreeningCompleted", review);
        send(patient, "ClearanceGranted", clearanceGranted(screening, now(), validUntil));
        // Applied a second time, the screening would wipe the clearance and the patient would be refused.
        send(reviewEvent, patient, "ScreeningCompleted", review);
        UUID marker = send(patient, "ClearanceGranted", clearanceGranted(UUID.randomUUID(), now(), validUntil));
        Waiting.until("the marker event processed", WAIT, () -> processed(marker));

        start(patient).then().statusCode(201);
        assertThat(processed(reviewEvent)).isTrue();
    }

    @Test
    void aRecordThatCanNeverBeAppliedIsDeadLettered() {
        String patient = Patients.fresh();
        sendRaw(patient, "{\"this is\": \"not an envelope\"}");
        assertThat(TopicRecords.withKey("screening-events.dlq", patient, 1, WAIT, Duration.ZERO)).hasSize(1);

        send(patient, "ScreeningCompleted", screeningCompleted(UUID.randomUUID(), "CLEARED", 0, now(),
                now().plus(Duration.ofDays(90)), List.of()));
        startUntil(patient, 201, null);
    }

    @Test
    void aPatientIdTheViewCannotHoldIsDeadLetteredAndHoldsNothingUp() {
        String tooLong = "P-" + "x".repeat(70);
        send(tooLong, "ScreeningCompleted", screeningCompleted(UUID.randomUUID(), "CLEARED", 0, now(),
                now().plus(Duration.ofDays(90)), List.of()));
        assertThat(TopicRecords.withKey("screening-events.dlq", tooLong, 1, WAIT, Duration.ZERO)).hasSize(1);

        String patient = Patients.fresh();
        send(patient, "ScreeningCompleted", screeningCompleted(UUID.randomUUID(), "CLEARED", 0, now(),
                now().plus(Duration.ofDays(90)), List.of()));
        startUntil(patient, 201, null);
    }
}
