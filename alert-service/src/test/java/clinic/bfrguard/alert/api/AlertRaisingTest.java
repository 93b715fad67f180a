package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.support.Alerts;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.Waiting;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static clinic.bfrguard.alert.support.TestEvents.SESSION;
import static clinic.bfrguard.alert.support.TestEvents.data;
import static clinic.bfrguard.alert.support.TestEvents.sessionRecord;
import static clinic.bfrguard.alert.support.TestEvents.newPatient;
import static clinic.bfrguard.alert.support.TestEvents.screening;
import static clinic.bfrguard.alert.support.TestEvents.send;
import static clinic.bfrguard.alert.support.TestEvents.session;
import static org.assertj.core.api.Assertions.assertThat;

/** Every cause event on the real topics raises the alert docs/clinical-rules.md names, once per cause. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@TestSecurity(user = "clinician1", roles = "clinician")
class AlertRaisingTest {

    private static final Instant APPLIED = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void contraindicatedScreeningFlagsTheContraindication() {
        String patient = newPatient();
        UUID screeningId = UUID.randomUUID();
        screening(patient, "ScreeningCompleted", screeningCompleted(screeningId, "CONTRAINDICATED", 6,
                List.of(Map.of("code", "HISTORY_OF_THROMBOSIS", "points", 5, "message", "DVT"),
                        Map.of("code", "AGE_OVER_60", "points", 1, "message", "age"))));

        Map<String, Object> alert = Alerts.awaitOne(patient);

        assertThat(alert).containsEntry("type", "CONTRAINDICATION_FLAGGED").containsEntry("severity", "HIGH")
                .containsEntry("status", "OPEN").containsEntry("screeningId", screeningId.toString())
                .containsEntry("occurrences", 1);
        assertThat((String) alert.get("message")).isEqualTo("Patient " + patient
                + ": no BFR training, screening scored 6 points (contraindicated from 5): history of thrombosis (5),"
                + " age over 60 (1). Review the screening and plan exercise without blood flow restriction.");
    }

    @Test
    void screeningUnderReviewRequiresClearance() {
        String patient = newPatient();
        screening(patient, "ScreeningCompleted", screeningCompleted(UUID.randomUUID(), "REVIEW_REQUIRED", 3,
                List.of(Map.of("code", "ELEVATED_BLOOD_PRESSURE", "points", 3, "message", "BP"))));

        Map<String, Object> alert = Alerts.awaitOne(patient);

        assertThat(alert).containsEntry("type", "CLEARANCE_REQUIRED").containsEntry("severity", "INFO");
        assertThat((String) alert.get("message")).startsWith("Patient " + patient + ": screening scored 3 points:"
                + " elevated blood pressure (3)").contains("grant clearance");
    }

    @Test
    void bandNearingItsDeadlineWarns() {
        String patient = newPatient();
        UUID bandId = UUID.randomUUID();
        session(patient, "BandTimeWarning", data("sessionId", UUID.randomUUID(), "bandId", bandId,
                "limb", "RIGHT_ARM", "appliedAt", APPLIED, "warnAt", APPLIED.plusSeconds(600),
                "deadline", APPLIED.plusSeconds(900), "raisedAt", APPLIED.plusSeconds(600)));

        Map<String, Object> alert = Alerts.awaitOne(patient);

        assertThat(alert).containsEntry("type", "BAND_TIME_WARNING").containsEntry("severity", "WARNING")
                .containsEntry("bandId", bandId.toString()).containsEntry("limb", "RIGHT_ARM");
        assertThat((String) alert.get("message")).isEqualTo("Patient " + patient + ": the band on the right upper arm"
                + " must come off by 10:15:00 UTC (in 5 min), on for 10 min. Finish the set and release it in time.");
    }

    @Test
    void bandPastItsDeadlineIsCriticalAndSaysReleaseNow() {
        String patient = newPatient();
        session(patient, "BandTimeOverrun", overrun(UUID.randomUUID(), 1203));

        Map<String, Object> alert = Alerts.awaitOne(patient);

        assertThat(alert).containsEntry("type", "BAND_TIME_OVERRUN").containsEntry("severity", "CRITICAL");
        assertThat((String) alert.get("message"))
                .isEqualTo("Patient " + patient + ": release the band on the left upper thigh now: on for 20 min 03 s,"
                        + " limit 20 min");
    }

    @Test
    void stopSymptomsAreCriticalOthersHigh() {
        String patient = newPatient();
        UUID sessionId = UUID.randomUUID();
        for (String symptom : List.of("NUMBNESS", "DIZZINESS", "SKIN_DISCOLOURATION", "PAIN", "TINGLING", "OTHER")) {
            session(patient, "SymptomReported", symptom(sessionId, symptom));
        }

        List<Map<String, Object>> alerts = Alerts.await(patient, 6);

        assertThat(alerts).allSatisfy(a -> assertThat(a).containsEntry("type", "ADVERSE_SYMPTOM"));
        assertThat(severityOf(alerts, "Numbness")).isEqualTo("CRITICAL");
        assertThat(severityOf(alerts, "Dizziness")).isEqualTo("CRITICAL");
        assertThat(severityOf(alerts, "Skin discolouration")).isEqualTo("CRITICAL");
        assertThat(severityOf(alerts, "Pain")).isEqualTo("HIGH");
        assertThat(severityOf(alerts, "Tingling")).isEqualTo("HIGH");
        assertThat(severityOf(alerts, "Other")).isEqualTo("HIGH");
        assertThat(alerts).extracting(a -> (String) a.get("message"))
                .contains("Patient " + patient + ": Numbness reported during a BFR session. Release all bands now and"
                        + " check sensation and pulse in the limb.");
    }

    @Test
    void guidelineDeviationSaysWhatToChange() {
        String patient = newPatient();
        session(patient, "GuidelineDeviation", deviation(UUID.randomUUID(), "LOAD", 50));

        Map<String, Object> alert = Alerts.awaitOne(patient);

        assertThat(alert).containsEntry("type", "GUIDELINE_DEVIATION").containsEntry("severity", "WARNING");
        assertThat((String) alert.get("message")).isEqualTo("Patient " + patient + ": load 50 %1RM on leg press"
                + " (left upper thigh) is above the guideline of 40 %1RM. Reduce the load to 40 %1RM or less.");
    }

    @Test
    void eventsWithoutAlertsRaiseNothingAndDoNotFail() {
        String patient = newPatient();
        UUID sessionId = UUID.randomUUID();
        session(patient, "SessionStarted", data("sessionId", sessionId, "physiotherapist", "physio1",
                "startedAt", APPLIED));
        session(patient, "BandApplied", data("sessionId", sessionId, "bandId", UUID.randomUUID(), "limb", "LEFT_ARM",
                "perceivedPressure", 6, "pressureMmHg", null, "appliedAt", APPLIED, "warnAt", APPLIED.plusSeconds(900),
                "deadline", APPLIED.plusSeconds(1200)));
        session(patient, "SetLogged", data("sessionId", sessionId, "setId", UUID.randomUUID(), "exercise", "CURL",
                "limb", "LEFT_ARM", "loadPercentOneRm", 30, "reps", 15, "rpe", null, "setNumber", 1));
        session(patient, "SessionCompleted", data("sessionId", sessionId, "completedBy", "physio1",
                "completedAt", APPLIED.plusSeconds(1800)));
        screening(patient, "ScreeningCompleted", screeningCompleted(UUID.randomUUID(), "CLEARED", 0, List.of()));
        // same patient, same partition: once this marker's alert exists, everything before it was consumed
        session(patient, "SymptomReported", symptom(sessionId, "PAIN"));
        screening(patient, "ScreeningCompleted", screeningCompleted(UUID.randomUUID(), "REVIEW_REQUIRED", 1,
                List.of()));

        List<Map<String, Object>> alerts = Alerts.await(patient, 2);
        sleep(500);

        assertThat(Alerts.ofPatient(patient)).extracting(a -> a.get("type"))
                .containsExactlyInAnyOrder("ADVERSE_SYMPTOM", "CLEARANCE_REQUIRED");
        assertThat(alerts).hasSize(2);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        String patient = newPatient();
        UUID sessionId = UUID.randomUUID();
        String record = sessionRecord(patient, "SymptomReported", symptom(sessionId, "NUMBNESS"));
        send(SESSION, patient, record);
        send(SESSION, patient, record);
        session(patient, "SymptomReported", symptom(sessionId, "PAIN"));

        List<Map<String, Object>> alerts = Alerts.await(patient, 2);
        sleep(500);

        assertThat(Alerts.ofPatient(patient)).hasSize(2)
                .allSatisfy(a -> assertThat(a).containsEntry("occurrences", 1));
        assertThat(alerts).hasSize(2);
    }

    @Test
    void aSecondEventOfTheSameCauseCountsAnOccurrence() {
        String patient = newPatient();
        UUID sessionId = UUID.randomUUID();
        session(patient, "GuidelineDeviation", deviation(sessionId, "LOAD", 45));
        session(patient, "GuidelineDeviation", deviation(sessionId, "LOAD", 55));

        Map<String, Object> alert = Waiting.until("a second occurrence", () -> Alerts.ofPatient(patient),
                alerts -> !alerts.isEmpty() && Integer.valueOf(2).equals(alerts.get(0).get("occurrences"))).get(0);

        assertThat(Alerts.ofPatient(patient)).hasSize(1);
        assertThat((String) alert.get("message")).contains("load 55 %1RM");
    }

    static Map<String, Object> screeningCompleted(UUID screeningId, String outcome, int points, List<?> reasons) {
        return data("screeningId", screeningId, "outcome", outcome, "totalPoints", points, "reasons", reasons,
                "limbRestrictions", List.of(), "screenedBy", "physio1", "screenedAt", Instant.now(),
                "validUntil", Instant.now().plusSeconds(90 * 86400));
    }

    static Map<String, Object> overrun(UUID bandId, int onForSeconds) {
        return data("sessionId", UUID.randomUUID(), "bandId", bandId, "limb", "LEFT_THIGH", "appliedAt", APPLIED,
                "deadline", APPLIED.plusSeconds(1200), "limitSeconds", 1200,
                "raisedAt", APPLIED.plusSeconds(onForSeconds));
    }

    static Map<String, Object> symptom(UUID sessionId, String symptom) {
        return data("sessionId", sessionId, "symptomId", UUID.randomUUID(), "symptom", symptom, "note", null,
                "reportedBy", "physio1", "reportedAt", Instant.now());
    }

    static Map<String, Object> deviation(UUID sessionId, String rule, int actual) {
        return data("sessionId", sessionId, "rule", rule, "limb", "LEFT_THIGH", "exercise", "LEG_PRESS",
                "bandId", null, "setId", UUID.randomUUID(), "actual", actual, "limit", 40, "unit", "%1RM",
                "message", "load above guideline", "occurredAt", Instant.now());
    }

    private static Object severityOf(List<Map<String, Object>> alerts, String symptomWord) {
        return alerts.stream().filter(a -> ((String) a.get("message")).contains(": " + symptomWord + " reported"))
                .findFirst().orElseThrow().get("severity");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
