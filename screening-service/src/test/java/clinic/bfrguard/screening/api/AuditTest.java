package clinic.bfrguard.screening.api;

import clinic.bfrguard.testing.AuditTrail;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.TestUsers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static clinic.bfrguard.screening.api.TestScreenings.newPatient;
import static clinic.bfrguard.screening.api.TestScreenings.post;
import static clinic.bfrguard.screening.api.TestScreenings.screening;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail as clinic IT reads it: screenings and clearances with who and when, filtered by time and actor,
 * readable by clinic-admin only and unchangeable through the API or SQL. Each test has two clinicians or a
 * physiotherapist make its own changes, then reads them back as an administrator.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "screening"))
class AuditTest {

    private static final String CLINICIAN = "audit-clinician";
    private static final String SCREENER = "audit-screener";
    private static final String PHYSIO = "audit-physio";

    @Inject
    DataSource dataSource;

    /** One clinician screens the patient, another clears the screening; its id. */
    private static String screenedAndCleared(String patient) {
        String screening = TestUsers.as(SCREENER, "clinician",
                () -> post(screening(patient, 120, 80, "\"DIABETES\"")));
        return TestUsers.as(CLINICIAN, "clinician", () -> {
            given().contentType(ContentType.JSON).body("{\"note\": \"HbA1c 6.1\"}")
                    .post("/api/screenings/" + screening + "/clearance").then().statusCode(200);
            // refused: a change that did not happen leaves no entry
            given().contentType(ContentType.JSON).body("{\"note\": \"again\"}")
                    .post("/api/screenings/" + screening + "/clearance").then().statusCode(409);
            return screening;
        });
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theAdministratorReadsWhoDidWhatAndWhen() {
        Instant before = AuditTrail.mark();
        String reviewedPatient = newPatient();
        String reviewed = screenedAndCleared(reviewedPatient);
        Instant between = AuditTrail.mark();
        String screenedByPhysio = TestUsers.as(PHYSIO, "physiotherapist",
                () -> post(screening(newPatient(), 125, 82, "")));

        List<Map<String, Object>> reviewedEntries = AuditTrail.about(reviewed, AuditTrail.read(AuditTrail.since(before)));
        assertThat(reviewedEntries).extracting(e -> e.get("action"))
                .as("newest first; the refused second clearance left nothing")
                .containsExactly("ClearanceGranted", "ScreeningCompleted");
        assertThat(reviewedEntries).extracting(e -> e.get("actor")).containsExactly(CLINICIAN, SCREENER);
        for (Map<String, Object> entry : reviewedEntries) {
            assertThat(entry).containsEntry("targetType", "screening")
                    .containsEntry("patientId", reviewedPatient).containsKey("id");
            assertThat(Instant.parse((String) entry.get("at"))).isBetween(before, between);
        }
        assertThat(AuditTrail.about(screenedByPhysio, AuditTrail.read(AuditTrail.since(before))))
                .singleElement().satisfies(e -> assertThat(e).containsEntry("actor", PHYSIO)
                        .containsEntry("action", "ScreeningCompleted"));

        List<Map<String, Object>> byPhysio = AuditTrail.read(Map.of("actor", PHYSIO, "from", before.toString()));
        assertThat(byPhysio).isNotEmpty().allSatisfy(e -> assertThat(e).containsEntry("actor", PHYSIO));
        assertThat(AuditTrail.about(screenedByPhysio, byPhysio)).hasSize(1);
        assertThat(AuditTrail.about(reviewed, byPhysio)).isEmpty();

        List<Map<String, Object>> firstStep = AuditTrail.read(AuditTrail.between(before, between));
        assertThat(AuditTrail.about(reviewed, firstStep)).hasSize(2);
        assertThat(AuditTrail.about(screenedByPhysio, firstStep)).isEmpty();
        List<Map<String, Object>> secondStep = AuditTrail.read(AuditTrail.since(between));
        assertThat(AuditTrail.about(reviewed, secondStep)).isEmpty();
        assertThat(AuditTrail.about(screenedByPhysio, secondStep)).hasSize(1);

        assertThat(AuditTrail.read(Map.of("from", before.toString(), "action", "ClearanceGranted", "actor", CLINICIAN)))
                .extracting(e -> e.get("targetId")).containsExactly(reviewed);
        assertThat(AuditTrail.read(Map.of("from", before.toString(), "limit", "1"))).hasSize(1);
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void readsOfAPatientsScreeningsNameWhoLookedAndAtWhat() {
        String patient = newPatient();
        String screening = TestUsers.as(SCREENER, "clinician", () -> post(screening(patient, 120, 80, "")));
        TestUsers.as(PHYSIO, "physiotherapist", () -> {
            given().get("/api/screenings/" + screening).then().statusCode(200);
            given().get("/api/patients/" + patient + "/eligibility").then().statusCode(200);
            given().get("/api/patients/" + patient + "/screenings").then().statusCode(200);
            // a read that found nothing showed nothing
            given().get("/api/screenings/" + UUID.randomUUID()).then().statusCode(404);
        });

        List<Map<String, Object>> reads = AuditTrail.readsOf(patient);
        assertThat(reads).extracting(e -> e.get("targetType") + " " + e.get("targetId") + " by " + e.get("actor"))
                .as("newest first")
                .containsExactly("screening-history " + patient + " by " + PHYSIO,
                        "eligibility " + patient + " by " + PHYSIO, "screening " + screening + " by " + PHYSIO);
        assertThat(reads).allSatisfy(e -> assertThat(e).containsEntry("action", "READ")
                .containsEntry("patientId", patient));
        assertThat(AuditTrail.read(Map.of("target", screening))).extracting(e -> e.get("action"))
                .as("a record's id finds its change and its reads")
                .containsExactly("READ", "ScreeningCompleted");
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void badFiltersAreAProblemWithTheReason() {
        AuditTrail.refusesBadFilters();
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void noRequestChangesTheTrail() {
        Instant before = AuditTrail.mark();
        String screening = screenedAndCleared(newPatient());
        Map<String, String> window = AuditTrail.between(before, AuditTrail.mark());
        List<Map<String, Object>> entries = AuditTrail.read(window);
        assertThat(AuditTrail.about(screening, entries)).hasSize(2);

        AuditTrail.refusesRequests(entries.get(0).get("id"));
        assertThat(AuditTrail.read(window)).isEqualTo(entries);
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theDatabaseRefusesToRewriteHistory() throws SQLException {
        Instant before = AuditTrail.mark();
        String screening = screenedAndCleared(newPatient());
        Map<String, String> window = AuditTrail.between(before, AuditTrail.mark());
        List<Map<String, Object>> entries = AuditTrail.read(window);
        long id = ((Number) AuditTrail.about(screening, entries).get(0).get("id")).longValue();

        AuditTrail.refusesSql(dataSource, id);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement(
                    "select actor from audit_entry where id = ?")) {
                select.setLong(1, id);
                try (ResultSet row = select.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1)).isEqualTo(CLINICIAN);
                }
            }
        }
        assertThat(AuditTrail.read(window)).isEqualTo(entries);
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theTrailIsAlsoServedUnderTheServicesName() {
        Instant before = AuditTrail.mark();
        screenedAndCleared(newPatient());
        AuditTrail.servedUnderItsName("screening", AuditTrail.between(before, AuditTrail.mark()));
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
