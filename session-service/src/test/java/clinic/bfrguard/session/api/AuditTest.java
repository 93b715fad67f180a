package clinic.bfrguard.session.api;

import clinic.bfrguard.session.support.Eventually;
import clinic.bfrguard.session.support.Patients;
import clinic.bfrguard.testing.AuditTrail;
import clinic.bfrguard.testing.ClinicTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session-service's audit trail: every session, band, set and symptom change with who and when, the band timer's
 * warnings and overruns as {@code system}; readable by clinic-admin only, unchangeable. The steps run in order: two
 * physiotherapists work, then an administrator reads.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTest {

    private static final String PHYSIO = "audit-physio";
    private static final String OTHER_PHYSIO = "audit-physio2";

    private static Instant before;
    private static Instant between;
    private static String patient;
    private static String session;
    private static String band;
    private static String set;
    private static String symptom;
    private static String refusedPatient;
    private static String secondPatient;
    private static String bandLeftOn;
    private static String otherSession;

    @Inject
    DataSource dataSource;

    private static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    @Test
    @Order(1)
    @TestSecurity(user = PHYSIO, roles = "physiotherapist")
    void aPhysiotherapistRunsASession() throws InterruptedException {
        before = Instant.now();
        patient = Patients.cleared();
        session = post("/api/sessions", Map.of("patientId", patient)).statusCode(201).extract().path("id");
        band = post("/api/sessions/" + session + "/bands", Map.of("limb", "LEFT_THIGH", "perceivedPressure", 6))
                .statusCode(201).extract().path("bandId");
        set = post("/api/sessions/" + session + "/sets", Map.of("exercise", "Leg press", "limb", "LEFT_THIGH",
                "loadPercentOneRm", 30, "reps", 15)).statusCode(201).extract().path("setId");
        symptom = post("/api/sessions/" + session + "/symptoms", Map.of("symptom", "TINGLING", "note", "left foot"))
                .statusCode(201).extract().path("symptomId");
        post("/api/sessions/" + session + "/bands/" + band + "/release", Map.of()).statusCode(200);
        post("/api/sessions/" + session + "/complete", Map.of()).statusCode(200);

        // refused changes leave no entry: a patient without a screening, a second active session, a second release
        refusedPatient = Patients.fresh();
        post("/api/sessions", Map.of("patientId", refusedPatient)).statusCode(409);
        secondPatient = Patients.cleared();
        String second = post("/api/sessions", Map.of("patientId", secondPatient)).statusCode(201).extract().path("id");
        post("/api/sessions", Map.of("patientId", secondPatient)).statusCode(409);
        post("/api/sessions/" + session + "/bands/" + band + "/release", Map.of()).statusCode(409);
        // left on, so that the band timer warns and then raises the overrun (seconds in tests)
        bandLeftOn = post("/api/sessions/" + second + "/bands", Map.of("limb", "RIGHT_ARM", "perceivedPressure", 5))
                .statusCode(201).extract().path("bandId");
        Thread.sleep(5);
        between = Instant.now();
    }

    @Test
    @Order(2)
    @TestSecurity(user = OTHER_PHYSIO, roles = "physiotherapist")
    void anotherPhysiotherapistStartsASession() {
        otherSession = post("/api/sessions", Map.of("patientId", Patients.cleared())).statusCode(201)
                .extract().path("id");
    }

    @Test
    @Order(3)
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theAdministratorReadsWhoDidWhatAndWhen() {
        List<Map<String, Object>> byPhysio = AuditTrail.read(Map.of("actor", PHYSIO, "from", before.toString()));
        assertThat(byPhysio).allSatisfy(e -> assertThat(e).containsEntry("actor", PHYSIO));
        assertThat(actions(session, byPhysio)).containsExactly("SessionCompleted", "SessionStarted");
        assertThat(actions(band, byPhysio)).containsExactly("BandReleased", "BandApplied");
        assertThat(actions(set, byPhysio)).containsExactly("SetLogged");
        assertThat(actions(symptom, byPhysio)).containsExactly("SymptomReported");
        assertThat(byPhysio).filteredOn(e -> List.of(session, band, set, symptom).contains(e.get("targetId")))
                .hasSize(6)
                .allSatisfy(e -> {
                    assertThat(e).containsEntry("patientId", patient);
                    assertThat(Instant.parse((String) e.get("at"))).isBetween(before, between);
                })
                .extracting(e -> e.get("targetType")).containsOnly("session", "band", "set", "symptom");
        assertThat(byPhysio).as("the symptom's note stays out of the trail").noneMatch(e -> e.toString()
                .contains("left foot"));

        List<Map<String, Object>> all = AuditTrail.read(Map.of("from", before.toString()));
        assertThat(all).as("the refused start left no entry").noneMatch(e -> refusedPatient.equals(e.get("patientId")));
        assertThat(all).filteredOn(e -> secondPatient.equals(e.get("patientId")))
                .filteredOn(e -> "SessionStarted".equals(e.get("action"))).as("one start, the refused one left none")
                .hasSize(1);
        assertThat(actions(band, all)).as("the refused second release left no entry")
                .containsOnlyOnce("BandReleased");

        assertThat(actions(otherSession, AuditTrail.read(Map.of("actor", OTHER_PHYSIO)))).containsExactly("SessionStarted");
        assertThat(actions(otherSession, byPhysio)).isEmpty();
        assertThat(actions(session, AuditTrail.read(Map.of("from", before.toString(), "to", between.toString()))))
                .hasSize(2);
        assertThat(actions(otherSession, AuditTrail.read(Map.of("from", before.toString(), "to", between.toString()))))
                .isEmpty();
        assertThat(actions(session, AuditTrail.read(Map.of("from", between.toString())))).isEmpty();
    }

    @Test
    @Order(4)
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theBandTimersAlarmsAreTheSystems() {
        boolean raised = Eventually.within(Duration.ofSeconds(20), () -> actions(bandLeftOn,
                AuditTrail.read(Map.of("actor", "system", "from", before.toString()))).contains("BandTimeOverrun"));
        assertThat(raised).as("the overrun of the band left on is in the trail").isTrue();
        List<Map<String, Object>> bySystem = AuditTrail.read(Map.of("actor", "system", "from", before.toString()));
        // the warning only while the deadline is ahead: a machine too slow to raise it in time raises the overrun only
        assertThat(actions(bandLeftOn, bySystem)).startsWith("BandTimeOverrun").doesNotHaveDuplicates()
                .isSubsetOf("BandTimeOverrun", "BandTimeWarning");
        assertThat(bySystem).filteredOn(e -> bandLeftOn.equals(e.get("targetId")))
                .allSatisfy(e -> assertThat(e).containsEntry("targetType", "band")
                        .containsEntry("patientId", secondPatient));
    }

    @Test
    @Order(5)
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void noRequestAndNoSqlChangesTheTrail() throws SQLException {
        List<Map<String, Object>> entries = AuditTrail.read(Map.of("from", before.toString()));
        Object id = entries.get(0).get("id");
        AuditTrail.refusesRequests(id);
        AuditTrail.refusesSql(dataSource, id);
        List<Map<String, Object>> after = AuditTrail.read(Map.of("from", before.toString()));
        assertThat(after).containsAll(entries);
    }

    @Test
    @Order(6)
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theTrailIsAlsoServedUnderTheServicesName() {
        AuditTrail.servedUnderItsName("session", Map.of("from", before.toString(), "to", between.toString()));
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

    /** The actions on one target, newest first. */
    private static List<Object> actions(String targetId, List<Map<String, Object>> entries) {
        return AuditTrail.about(targetId, entries).stream().map(e -> e.get("action")).toList();
    }
}
