package clinic.bfrguard.alert.events;

import clinic.bfrguard.alert.support.Alerts;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.TopicRecords;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static clinic.bfrguard.alert.support.TestEvents.NOTIFICATION;
import static clinic.bfrguard.alert.support.TestEvents.SCREENING;
import static clinic.bfrguard.alert.support.TestEvents.SESSION;
import static clinic.bfrguard.alert.support.TestEvents.data;
import static clinic.bfrguard.alert.support.TestEvents.envelope;
import static clinic.bfrguard.alert.support.TestEvents.forged;
import static clinic.bfrguard.alert.support.TestEvents.newPatient;
import static clinic.bfrguard.alert.support.TestEvents.notificationRecord;
import static clinic.bfrguard.alert.support.TestEvents.screening;
import static clinic.bfrguard.alert.support.TestEvents.send;
import static clinic.bfrguard.alert.support.TestEvents.session;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record that can never be processed goes to {@code <topic>.dlq} with the reason; the consumer carries on. An event
 * signed by a service other than its topic's producer is one of them.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@TestSecurity(user = "clinician1", roles = "clinician")
class DeadLetterTest {

    @Test
    void poisonRecordsAreDeadLetteredWithTheReasonAndTheNextRecordStillRaisesItsAlert() {
        String patient = newPatient();
        send(SESSION, patient, "this is not JSON");
        send(SESSION, patient, envelope(UUID.randomUUID(), "BandExploded", "session-service", patient,
                Map.of("sessionId", UUID.randomUUID().toString())));
        send(SESSION, patient, envelope(UUID.randomUUID(), "SymptomReported", "session-service", patient,
                data("sessionId", UUID.randomUUID(), "reportedAt", Instant.now())));
        session(patient, "SymptomReported", data("sessionId", UUID.randomUUID(), "symptomId", UUID.randomUUID(),
                "symptom", "NUMBNESS", "note", null, "reportedBy", "physio1", "reportedAt", Instant.now()));

        assertThat(Alerts.awaitOne(patient)).containsEntry("type", "ADVERSE_SYMPTOM");
        List<ConsumerRecord<String, String>> dead = TopicRecords.withKey(SESSION + ".dlq", patient, 3);
        assertThat(dead).hasSize(3);
        assertThat(dead.get(0).value()).isEqualTo("this is not JSON");
        assertThat(reason(dead.get(0))).contains("not JSON");
        assertThat(reason(dead.get(1))).contains("unknown type 'BandExploded'");
        assertThat(reason(dead.get(2))).contains("symptom");
        assertThat(Alerts.ofPatient(patient)).hasSize(1);
    }

    @Test
    void aPoisonScreeningRecordGoesToItsOwnDeadLetterTopic() {
        String patient = newPatient();
        send(SCREENING, patient, "{\"id\":\"not-a-uuid\"}");
        List<ConsumerRecord<String, String>> dead = TopicRecords.withKey(SCREENING + ".dlq", patient, 1);
        assertThat(dead).hasSize(1);
        assertThat(reason(dead.get(0))).isNotBlank();
    }

    @Test
    void aClearanceSignedByAnotherServiceClearsNothingAndIsDeadLettered() {
        String patient = newPatient();
        UUID screeningId = UUID.randomUUID();
        screening(patient, "ScreeningCompleted", data("screeningId", screeningId, "outcome", "REVIEW_REQUIRED",
                "totalPoints", 2, "reasons", List.of(), "limbRestrictions", List.of(), "screenedBy", "physio1",
                "screenedAt", Instant.now(), "validUntil", Instant.now().plusSeconds(90 * 86400)));
        assertThat(Alerts.awaitOne(patient)).containsEntry("type", "CLEARANCE_REQUIRED")
                .containsEntry("status", "OPEN");

        send(SCREENING, patient, forged("session-service", SCREENING, patient, "ClearanceGranted", data(
                "screeningId", screeningId, "clearedBy", "intruder", "clearedAt", Instant.now(),
                "validUntil", Instant.now().plusSeconds(86400))));

        List<ConsumerRecord<String, String>> dead = TopicRecords.withKey(SCREENING + ".dlq", patient, 1);
        assertThat(dead).hasSize(1);
        assertThat(reason(dead.get(0))).contains("source 'session-service' is not the producer of screening-events");
        // the consumer read the forged clearance (it is on the dlq) and the alert it would have settled is still open
        assertThat(Alerts.ofPatient(patient)).singleElement().satisfies(alert -> assertThat(alert)
                .containsEntry("type", "CLEARANCE_REQUIRED").containsEntry("status", "OPEN"));
    }

    @Test
    void aForgedEventOfATypeTheServiceIgnoresIsDeadLetteredToo() {
        String patient = newPatient();
        send(SESSION, patient, forged("alert-service", SESSION, patient, "SessionStarted", Map.of()));
        List<ConsumerRecord<String, String>> dead = TopicRecords.withKey(SESSION + ".dlq", patient, 1);
        assertThat(dead).hasSize(1);
        assertThat(reason(dead.get(0))).contains("source 'alert-service' is not the producer of session-events");
    }

    @Test
    void aNotificationSignedByAnotherServiceOrWithoutItsAlertIsDeadLetteredAndListsNothing() {
        String patient = newPatient();
        session(patient, "SymptomReported", data("sessionId", UUID.randomUUID(), "symptomId", UUID.randomUUID(),
                "symptom", "TINGLING", "note", null, "reportedBy", "physio1", "reportedAt", Instant.now()));
        String alertId = (String) Alerts.awaitOne(patient).get("id");

        send(NOTIFICATION, patient, forged("alert-service", NOTIFICATION, patient, "NotificationSent",
                data("alertId", alertId, "at", Instant.now())));
        send(NOTIFICATION, patient, notificationRecord(patient, "NotificationFailed", data("alertId", null)));
        send(NOTIFICATION, patient, notificationRecord(patient, "NotificationFailed", data("alertId", alertId,
                "kind", "PAGE_EVERYONE")));
        send(NOTIFICATION, patient, notificationRecord(patient, "NotificationSent", data("alertId", alertId,
                "recipient", "x".repeat(201))));

        List<ConsumerRecord<String, String>> dead = TopicRecords.withKey(NOTIFICATION + ".dlq", patient, 4);
        assertThat(dead).hasSize(4);
        assertThat(reason(dead.get(0))).contains("source 'alert-service' is not the producer of notification-events");
        assertThat(reason(dead.get(1))).contains("alertId");
        assertThat(reason(dead.get(2))).contains("kind");
        assertThat(reason(dead.get(3))).contains("recipient").doesNotContain("xxx");
        assertThat(Alerts.get(alertId).getList("notifications")).isEmpty();
    }

    private static String reason(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("dead-letter-reason");
        assertThat(header).as("dead-letter-reason header").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
