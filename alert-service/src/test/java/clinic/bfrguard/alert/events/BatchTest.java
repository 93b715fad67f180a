package clinic.bfrguard.alert.events;

import clinic.bfrguard.alert.support.Alerts;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.TopicRecords;
import clinic.bfrguard.testing.TopicWriter;
import clinic.bfrguard.testing.Waiting;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static clinic.bfrguard.alert.support.TestEvents.SESSION;
import static clinic.bfrguard.alert.support.TestEvents.data;
import static clinic.bfrguard.alert.support.TestEvents.newPatient;
import static clinic.bfrguard.alert.support.TestEvents.sessionRecord;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session events are applied a polled batch at a time, in one transaction. Sent in one go, a patient's events land in
 * the same batches: each is applied once and in its order, and one that fails inside the transaction is found and
 * dead-lettered alone while the rest of its batch is applied.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@TestSecurity(user = "clinician1", roles = "clinician")
class BatchTest {

    private static final int SYMPTOMS = 40;

    @Test
    void aBurstIsAppliedInOrderOnceEachAndItsOneFaultyRecordIsDeadLetteredAlone() {
        String patient = newPatient();
        UUID sessionId = UUID.randomUUID();
        UUID bandId = UUID.randomUUID();
        Instant applied = Instant.now().minusSeconds(950);
        Instant deadline = applied.plusSeconds(1200);
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < SYMPTOMS; i++) {
            burst.add(sessionRecord(patient, "SymptomReported", symptom(UUID.randomUUID(), "PAIN", null)));
            if (i == SYMPTOMS / 2) {
                // the band's warning and then its release: applied out of order, the warning would stay open
                burst.add(sessionRecord(patient, "BandTimeWarning", data("sessionId", sessionId, "bandId", bandId,
                        "limb", "LEFT_ARM", "appliedAt", applied, "warnAt", applied.plusSeconds(900),
                        "deadline", deadline, "raisedAt", applied.plusSeconds(900))));
                // its site is refused by the handler, inside the batch's transaction
                burst.add(sessionRecord(patient, "SymptomReported", symptom(UUID.randomUUID(), "NUMBNESS",
                        "Not A Site!")));
                burst.add(sessionRecord(patient, "BandReleased", data("sessionId", sessionId, "bandId", bandId,
                        "limb", "LEFT_ARM", "appliedAt", applied, "releasedAt", applied.plusSeconds(940),
                        "deadline", deadline, "wornSeconds", 940, "releasedBy", "physio1")));
            }
        }
        // and the first of them once more, as a redelivery would bring it
        burst.add(burst.get(0));
        sendAtOnce(patient, burst);

        List<Map<String, Object>> alerts = Waiting.until("every alert of the burst, the warning resolved",
                () -> Alerts.ofPatient(patient), list -> list.size() == SYMPTOMS + 1 && list.stream()
                        .anyMatch(a -> "BAND_TIME_WARNING".equals(a.get("type")) && "RESOLVED".equals(a.get("status"))));
        assertThat(alerts).filteredOn(a -> "ADVERSE_SYMPTOM".equals(a.get("type"))).hasSize(SYMPTOMS)
                .allSatisfy(a -> assertThat(a).containsEntry("occurrences", 1));

        List<ConsumerRecord<String, String>> dead = TopicRecords.withKey(SESSION + ".dlq", patient, 1);
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(record.value()).contains("Not A Site!");
            assertThat(new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("site");
        });
    }

    private static Map<String, Object> symptom(UUID sessionId, String symptom, String site) {
        Map<String, Object> data = data("sessionId", sessionId, "symptomId", UUID.randomUUID(), "symptom", symptom,
                "note", null, "reportedBy", "physio1", "reportedAt", Instant.now());
        if (site != null) {
            data.put("site", site);
        }
        return data;
    }

    /** Sends every record before waiting for any acknowledgement, so that the consumer polls them together. */
    private static void sendAtOnce(String key, List<String> values) {
        KafkaProducer<String, String> producer = TopicWriter.producer();
        values.forEach(value -> producer.send(new ProducerRecord<>(SESSION, key, value)));
        producer.flush();
    }
}
