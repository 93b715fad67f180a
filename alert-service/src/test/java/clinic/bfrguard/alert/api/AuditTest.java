package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.support.Alerts;
import clinic.bfrguard.alert.support.Eventually;
import clinic.bfrguard.testing.AuditTrail;
import clinic.bfrguard.testing.ClinicTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
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
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTest {

    private static final String CLINICIAN = "audit-clinician";

    private static Instant before;
    private static Instant between;
    private static String handled;
    private static String handledPatient;
    private static String leftOpen;
    private static String cleared;

    @Inject
    DataSource dataSource;

    @Test
    @Order(1)
    @TestSecurity(user = CLINICIAN, roles = "clinician")
    void aClinicianHandlesAnAlertAndTheServiceRaisesAndSettlesOthers() throws InterruptedException {
        before = Instant.now();
        handledPatient = newPatient();
        session(handledPatient, "SymptomReported", symptom(UUID.randomUUID(), "PAIN"));
        handled = (String) Alerts.awaitOne(handledPatient).get("id");
        given().post("/api/alerts/{id}/acknowledge", handled).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("note", "pain settled after release"))
                .post("/api/alerts/{id}/resolve", handled).then().statusCode(200);
        // refused: a change that did not happen leaves no entry
        given().post("/api/alerts/{id}/acknowledge", handled).then().statusCode(409);
        given().post("/api/alerts/{id}/resolve", handled).then().statusCode(409);

        String unattended = newPatient();
        UUID sessionId = UUID.randomUUID();
        session(unattended, "SymptomReported", symptom(sessionId, "NUMBNESS"));
        session(unattended, "SymptomReported", symptom(sessionId, "NUMBNESS"));
        leftOpen = (String) Eventually.until(() -> Alerts.ofPatient(unattended),
                alerts -> !alerts.isEmpty() && Integer.valueOf(2).equals(alerts.get(0).get("occurrences")),
                Duration.ofSeconds(20), "the second occurrence counted").get(0).get("id");

        String screened = newPatient();
        UUID screeningId = UUID.randomUUID();
        screening(screened, "ScreeningCompleted", screeningCompleted(screeningId, "REVIEW_REQUIRED", 2, List.of()));
        Alerts.awaitOne(screened);
        screening(screened, "ClearanceGranted", data("screeningId", screeningId, "clearedBy", "clinician7",
                "clearedAt", Instant.now(), "validUntil", Instant.now().plusSeconds(86400)));
        cleared = (String) Eventually.until(() -> Alerts.awaitOne(screened), a -> "RESOLVED".equals(a.get("status")),
                Duration.ofSeconds(20), "the clearance alert resolved").get("id");
        Thread.sleep(5);
        between = Instant.now();
    }

    @Test
    @Order(2)
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theAdministratorReadsWhoDidWhatAndWhen() {
        List<Map<String, Object>> all = AuditTrail.read(Map.of("from", before.toString()));
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

        List<Map<String, Object>> byClinician = AuditTrail.read(Map.of("actor", CLINICIAN));
        assertThat(byClinician).allSatisfy(e -> assertThat(e).containsEntry("actor", CLINICIAN));
        assertThat(steps(handled, byClinician)).hasSize(2);
        assertThat(steps(cleared, byClinician)).isEmpty();
        assertThat(steps(handled, AuditTrail.read(Map.of("from", before.toString(), "to", between.toString()))))
                .hasSize(3);
        assertThat(steps(handled, AuditTrail.read(Map.of("from", between.toString())))).isEmpty();
    }

    @Test
    @Order(3)
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void countingAndEscalationAreTheSystems() {
        List<Map<String, Object>> trail = Eventually.until(
                () -> AuditTrail.about(leftOpen, AuditTrail.read(Map.of("actor", "system", "from", before.toString()))),
                entries -> entries.stream().anyMatch(e -> "AlertEscalated".equals(e.get("action"))),
                Duration.ofSeconds(20), "the escalation of the unattended alert in the trail");
        assertThat(trail).extracting(e -> e.get("action"))
                .contains("AlertEscalated", "AlertOccurredAgain").endsWith("AlertRaised");
    }

    @Test
    @Order(4)
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void noRequestAndNoSqlChangesTheTrail() throws SQLException {
        List<Map<String, Object>> entries = AuditTrail.about(handled, AuditTrail.read(Map.of("from", before.toString())));
        Object id = entries.get(0).get("id");
        AuditTrail.refusesRequests(id);
        AuditTrail.refusesSql(dataSource, id);
        assertThat(AuditTrail.about(handled, AuditTrail.read(Map.of("from", before.toString())))).isEqualTo(entries);
    }

    @Test
    @Order(5)
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theTrailIsAlsoServedUnderTheServicesName() {
        AuditTrail.servedUnderItsName("alert", Map.of("from", before.toString(), "to", between.toString()));
    }

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void aPhysiotherapistMayNotReadTheTrail() {
        given().get("/api/audit").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    void aClinicianMayNotReadTheTrail() {
        given().get("/api/audit").then().statusCode(403).contentType("application/problem+json");
    }

    /** The same without escalations, which a slow machine may add before the clinician or the clearance gets in. */
    private static List<Map<String, Object>> steps(String alertId, List<Map<String, Object>> entries) {
        return AuditTrail.about(alertId, entries).stream().filter(e -> !"AlertEscalated".equals(e.get("action"))).toList();
    }
}
