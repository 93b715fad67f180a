package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.support.Alerts;
import clinic.bfrguard.testing.AuditTrail;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.TestUsers;
import clinic.bfrguard.testing.Waiting;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static clinic.bfrguard.alert.api.AlertRaisingTest.screeningCompleted;
import static clinic.bfrguard.alert.api.AlertRaisingTest.symptom;
import static clinic.bfrguard.alert.support.TestEvents.data;
import static clinic.bfrguard.alert.support.TestEvents.newPatient;
import static clinic.bfrguard.alert.support.TestEvents.screening;
import static clinic.bfrguard.alert.support.TestEvents.session;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert-service's audit trail: acknowledgements and resolutions by the clinician who made them; raising,
 * counting, escalating and settling by an event as {@code system}. Readable by clinic-admin only, unchangeable.
 * Each test raises its own alerts, has a clinician handle them, and reads back their entries as an administrator.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class AuditTest {

    private static final String CLINICIAN = "audit-clinician";

    @Inject
    DataSource dataSource;

    /** An alert raised for the patient's reported pain and acknowledged by the clinician; its id. */
    private static String acknowledged(String patient) {
        session(patient, "SymptomReported", symptom(UUID.randomUUID(), "PAIN"));
        return TestUsers.as(CLINICIAN, "clinician", () -> {
            String alert = (String) Alerts.awaitOne(patient).get("id");
            given().post("/api/alerts/{id}/acknowledge", alert).then().statusCode(200);
            return alert;
        });
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theAdministratorReadsWhoDidWhatAndWhen() {
        Instant before = AuditTrail.mark();
        String handledPatient = newPatient();
        String handled = acknowledged(handledPatient);
        TestUsers.as(CLINICIAN, "clinician", () -> {
            given().contentType(ContentType.JSON).body(Map.of("note", "pain settled after release"))
                    .post("/api/alerts/{id}/resolve", handled).then().statusCode(200);
            // refused: a change that did not happen leaves no entry
            given().post("/api/alerts/{id}/acknowledge", handled).then().statusCode(409);
            given().post("/api/alerts/{id}/resolve", handled).then().statusCode(409);
        });

        String screened = newPatient();
        UUID screeningId = UUID.randomUUID();
        screening(screened, "ScreeningCompleted", screeningCompleted(screeningId, "REVIEW_REQUIRED", 2, List.of()));
        String cleared = TestUsers.as(CLINICIAN, "clinician", () -> {
            Alerts.awaitOne(screened);
            screening(screened, "ClearanceGranted", data("screeningId", screeningId, "clearedBy", "clinician7",
                    "clearedAt", Instant.now(), "validUntil", Instant.now().plusSeconds(86400)));
            return (String) Waiting.until("the clearance alert resolved", () -> Alerts.awaitOne(screened),
                    a -> "RESOLVED".equals(a.get("status"))).get("id");
        });
        Instant between = AuditTrail.mark();

        List<Map<String, Object>> all = AuditTrail.read(AuditTrail.since(before));
        assertThat(steps(handled, all)).extracting(e -> e.get("action") + " by " + e.get("actor"))
                .as("newest first; the refused second steps left nothing")
                .containsExactly("AlertResolved by " + CLINICIAN, "AlertAcknowledged by " + CLINICIAN,
                        "AlertRaised by system");
        assertThat(steps(handled, all)).allSatisfy(e -> {
            assertThat(e).containsEntry("targetType", "alert").containsEntry("patientId", handledPatient);
            assertThat(Instant.parse((String) e.get("at"))).isBetween(before, between);
        });
        assertThat(all).as("the resolve note stays out of the trail")
                .noneMatch(e -> e.toString().contains("pain settled"));
        assertThat(steps(cleared, all)).extracting(e -> e.get("action") + " by " + e.get("actor"))
                .containsExactly("AlertResolved by system", "AlertRaised by system");

        List<Map<String, Object>> byClinician = AuditTrail.read(Map.of("actor", CLINICIAN, "from", before.toString()));
        assertThat(byClinician).allSatisfy(e -> assertThat(e).containsEntry("actor", CLINICIAN));
        assertThat(steps(handled, byClinician)).hasSize(2);
        assertThat(steps(cleared, byClinician)).isEmpty();
        assertThat(steps(handled, AuditTrail.read(AuditTrail.between(before, between)))).hasSize(3);
        assertThat(steps(handled, AuditTrail.read(AuditTrail.since(between)))).isEmpty();
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void readsOfAPatientsAlertsNameWhoLookedAndAtWhat() {
        String patient = newPatient();
        session(patient, "SymptomReported", symptom(UUID.randomUUID(), "PAIN"));
        String alert = TestUsers.as(CLINICIAN, "clinician", () -> {
            String id = (String) Alerts.awaitOne(patient).get("id");
            given().get("/api/alerts/{id}", id).then().statusCode(200);
            return id;
        });

        List<Map<String, Object>> reads = AuditTrail.readsOf(patient);
        assertThat(reads.get(0)).as("the newest read: the alert by its id").containsEntry("targetType", "alert")
                .containsEntry("targetId", alert).containsEntry("actor", CLINICIAN);
        assertThat(reads).extracting(e -> e.get("targetType")).as("the list filtered by the patient, then the alert")
                .containsOnly("alert", "alerts").contains("alerts");
        assertThat(reads).allSatisfy(e -> assertThat(e).containsEntry("action", "READ")
                .containsEntry("patientId", patient).containsEntry("actor", CLINICIAN));
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void countingAndEscalationAreTheSystems() {
        Instant before = AuditTrail.mark();
        String unattended = newPatient();
        UUID sessionId = UUID.randomUUID();
        session(unattended, "SymptomReported", symptom(sessionId, "NUMBNESS"));
        session(unattended, "SymptomReported", symptom(sessionId, "NUMBNESS"));
        String leftOpen = TestUsers.as(CLINICIAN, "clinician", () -> (String) Waiting.until(
                "the second occurrence counted", () -> Alerts.ofPatient(unattended),
                alerts -> !alerts.isEmpty() && Integer.valueOf(2).equals(alerts.get(0).get("occurrences")))
                .get(0).get("id"));

        List<Map<String, Object>> trail = AuditTrail.awaitAction(Map.of("actor", "system", "from", before.toString()),
                leftOpen, "AlertEscalated");
        assertThat(trail).extracting(e -> e.get("action"))
                .contains("AlertEscalated", "AlertOccurredAgain").endsWith("AlertRaised");
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void noRequestAndNoSqlChangesTheTrail() throws SQLException {
        Instant before = AuditTrail.mark();
        String alert = acknowledged(newPatient());
        Map<String, String> window = AuditTrail.between(before, AuditTrail.mark());
        List<Map<String, Object>> entries = AuditTrail.about(alert, AuditTrail.read(window));
        assertThat(steps(alert, entries)).extracting(e -> e.get("action"))
                .containsExactly("AlertAcknowledged", "AlertRaised");

        Object id = entries.get(0).get("id");
        AuditTrail.refusesRequests(id);
        AuditTrail.refusesSql(dataSource, id);
        assertThat(AuditTrail.about(alert, AuditTrail.read(window))).isEqualTo(entries);
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theTrailIsAlsoServedUnderTheServicesName() {
        Instant before = AuditTrail.mark();
        acknowledged(newPatient());
        AuditTrail.servedUnderItsName("alert", AuditTrail.between(before, AuditTrail.mark()));
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void badFiltersAreAProblemWithTheReason() {
        AuditTrail.refusesBadFilters();
    }

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void aPhysiotherapistMayNotReadTheTrail() {
        AuditTrail.refuses(403);
    }

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    void aClinicianMayNotReadTheTrail() {
        AuditTrail.refuses(403);
    }

    @Test
    void withoutATokenTheTrailIs401() {
        AuditTrail.refuses(401);
    }

    /** The same without escalations, which a slow machine may add before the clinician or the clearance gets in. */
    private static List<Map<String, Object>> steps(String alertId, List<Map<String, Object>> entries) {
        return AuditTrail.about(alertId, entries).stream().filter(e -> !"AlertEscalated".equals(e.get("action"))).toList();
    }
}
