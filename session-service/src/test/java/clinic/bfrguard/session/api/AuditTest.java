package clinic.bfrguard.session.api;

import clinic.bfrguard.session.support.Patients;
import clinic.bfrguard.testing.AuditTrail;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.TestUsers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static clinic.bfrguard.testing.AuditTrail.actions;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session-service's audit trail: every session, band, set and symptom change with who and when, the band timer's
 * warnings and overruns as {@code system}; readable by clinic-admin only, unchangeable. Each test has
 * physiotherapists do its own work, then reads it back as an administrator.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
class AuditTest {

    private static final String PHYSIO = "audit-physio";
    private static final String OTHER_PHYSIO = "audit-physio2";

    @Inject
    DataSource dataSource;

    private static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    /** A physiotherapist starts a session for a new cleared patient; its id. */
    private static String sessionStartedBy(String physio) {
        return TestUsers.as(physio, "physiotherapist", () -> post("/api/sessions", Map.of("patientId",
                Patients.cleared())).statusCode(201).extract().<String>path("id"));
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theAdministratorReadsWhoDidWhatAndWhen() {
        Instant before = AuditTrail.mark();
        String patient = Patients.cleared();
        String refusedPatient = Patients.fresh();
        String secondPatient = Patients.cleared();
        Map<String, String> run = TestUsers.as(PHYSIO, "physiotherapist", () -> {
            String session = post("/api/sessions", Map.of("patientId", patient)).statusCode(201).extract().path("id");
            String band = post("/api/sessions/" + session + "/bands", Map.of("limb", "LEFT_THIGH",
                    "perceivedPressure", 6)).statusCode(201).extract().path("bandId");
            String set = post("/api/sessions/" + session + "/sets", Map.of("exercise", "LEG_PRESS", "limb",
                    "LEFT_THIGH", "loadPercentOneRm", 30, "reps", 15)).statusCode(201).extract().path("setId");
            String symptom = post("/api/sessions/" + session + "/symptoms", Map.of("symptom", "TINGLING", "note",
                    "left foot")).statusCode(201).extract().path("symptomId");
            post("/api/sessions/" + session + "/bands/" + band + "/release", Map.of()).statusCode(200);
            post("/api/sessions/" + session + "/complete", Map.of()).statusCode(200);

            // refused changes leave no entry: a patient without a screening, a second active session, a second release
            post("/api/sessions", Map.of("patientId", refusedPatient)).statusCode(409);
            post("/api/sessions", Map.of("patientId", secondPatient)).statusCode(201);
            post("/api/sessions", Map.of("patientId", secondPatient)).statusCode(409);
            post("/api/sessions/" + session + "/bands/" + band + "/release", Map.of()).statusCode(409);
            return Map.of("session", session, "band", band, "set", set, "symptom", symptom);
        });
        String session = run.get("session");
        String band = run.get("band");
        String set = run.get("set");
        String symptom = run.get("symptom");
        Instant between = AuditTrail.mark();
        String otherSession = sessionStartedBy(OTHER_PHYSIO);

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

        List<Map<String, Object>> all = AuditTrail.read(AuditTrail.since(before));
        assertThat(all).as("the refused start left no entry").noneMatch(e -> refusedPatient.equals(e.get("patientId")));
        assertThat(all).filteredOn(e -> secondPatient.equals(e.get("patientId")))
                .filteredOn(e -> "SessionStarted".equals(e.get("action"))).as("one start, the refused one left none")
                .hasSize(1);
        assertThat(actions(band, all)).as("the refused second release left no entry")
                .containsOnlyOnce("BandReleased");

        assertThat(actions(otherSession, AuditTrail.read(Map.of("actor", OTHER_PHYSIO, "from", before.toString()))))
                .containsExactly("SessionStarted");
        assertThat(actions(otherSession, byPhysio)).isEmpty();
        assertThat(actions(session, AuditTrail.read(AuditTrail.between(before, between)))).hasSize(2);
        assertThat(actions(otherSession, AuditTrail.read(AuditTrail.between(before, between)))).isEmpty();
        assertThat(actions(session, AuditTrail.read(AuditTrail.since(between)))).isEmpty();
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void readsOfAPatientsSessionsNameWhoLookedAndAtWhat() {
        String patient = Patients.cleared();
        String session = TestUsers.as(PHYSIO, "physiotherapist", () -> post("/api/sessions",
                Map.of("patientId", patient)).statusCode(201).extract().<String>path("id"));
        TestUsers.as("audit-clinician", "clinician", () -> {
            given().get("/api/sessions/" + session).then().statusCode(200);
            given().queryParam("patientId", patient).get("/api/sessions").then().statusCode(200);
            given().get("/api/patients/" + patient + "/sessions").then().statusCode(200);
            given().accept("text/csv").get("/api/patients/" + patient + "/sessions").then().statusCode(200);
        });

        List<Map<String, Object>> reads = AuditTrail.readsOf(patient);
        assertThat(reads).extracting(e -> e.get("targetType") + " by " + e.get("actor")).as("newest first")
                .containsExactly("session-history by audit-clinician", "session-history by audit-clinician",
                        "sessions by audit-clinician", "session by audit-clinician");
        assertThat(reads).allSatisfy(e -> assertThat(e).containsEntry("action", "READ")
                .containsEntry("patientId", patient));
        assertThat(reads.get(3)).containsEntry("targetId", session);
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theBandTimersAlarmsAreTheSystems() {
        Instant before = AuditTrail.mark();
        String patient = Patients.cleared();
        // left on, so that the band timer warns and then raises the overrun (seconds in tests)
        String bandLeftOn = TestUsers.as(PHYSIO, "physiotherapist", () -> {
            String session = post("/api/sessions", Map.of("patientId", patient)).statusCode(201).extract().path("id");
            return post("/api/sessions/" + session + "/bands", Map.of("limb", "RIGHT_ARM", "perceivedPressure", 5))
                    .statusCode(201).extract().<String>path("bandId");
        });

        Map<String, String> bySystem = Map.of("actor", "system", "from", before.toString());
        List<Map<String, Object>> alarms = AuditTrail.awaitAction(bySystem, bandLeftOn, "BandTimeOverrun");
        // the warning only while the deadline is ahead: a machine too slow to raise it in time raises the overrun only
        assertThat(alarms).extracting(e -> e.get("action")).startsWith("BandTimeOverrun").doesNotHaveDuplicates()
                .isSubsetOf("BandTimeOverrun", "BandTimeWarning");
        assertThat(alarms).allSatisfy(e -> assertThat(e).containsEntry("actor", "system")
                .containsEntry("targetType", "band").containsEntry("patientId", patient));
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void noRequestAndNoSqlChangesTheTrail() throws SQLException {
        Instant before = AuditTrail.mark();
        String session = sessionStartedBy(PHYSIO);
        Map<String, String> window = AuditTrail.between(before, AuditTrail.mark());
        List<Map<String, Object>> entries = AuditTrail.read(window);
        assertThat(actions(session, entries)).containsExactly("SessionStarted");

        Object id = AuditTrail.about(session, entries).get(0).get("id");
        AuditTrail.refusesRequests(id);
        AuditTrail.refusesSql(dataSource, id);
        assertThat(AuditTrail.read(window)).isEqualTo(entries);
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theTrailIsAlsoServedUnderTheServicesName() {
        Instant before = AuditTrail.mark();
        sessionStartedBy(PHYSIO);
        AuditTrail.servedUnderItsName("session", AuditTrail.between(before, AuditTrail.mark()));
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
}
