package clinic.bfrguard.screening.api;

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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static clinic.bfrguard.screening.api.TestScreenings.newPatient;
import static clinic.bfrguard.screening.api.TestScreenings.post;
import static clinic.bfrguard.screening.api.TestScreenings.screening;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The audit trail as clinic IT reads it: screenings and clearances with who and when, filtered by time and actor,
 * readable by clinic-admin only and unchangeable through the API or SQL. The steps run in order: the changes are
 * made by two clinicians and a physiotherapist, then read by an administrator.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "screening"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTest {

    private static final String CLINICIAN = "audit-clinician";
    private static final String SCREENER = "audit-screener";
    private static final String PHYSIO = "audit-physio";

    private static Instant before;
    private static Instant between;
    private static String reviewed;
    private static String reviewedPatient;
    private static String screenedByPhysio;

    @Inject
    DataSource dataSource;

    @Test
    @Order(1)
    @TestSecurity(user = CLINICIAN, roles = "clinician")
    void oneClinicianScreensAnotherClears() throws InterruptedException {
        before = Instant.now();
        reviewedPatient = newPatient();
        reviewed = TestScreenings.as(SCREENER, "clinician",
                () -> post(screening(reviewedPatient, 120, 80, "\"DIABETES\"")));
        given().contentType(ContentType.JSON).body("{\"note\": \"HbA1c 6.1\"}")
                .post("/api/screenings/" + reviewed + "/clearance").then().statusCode(200);
        // refused: a change that did not happen leaves no entry
        given().contentType(ContentType.JSON).body("{\"note\": \"again\"}")
                .post("/api/screenings/" + reviewed + "/clearance").then().statusCode(409);
        Thread.sleep(5);
        between = Instant.now();
    }

    @Test
    @Order(2)
    @TestSecurity(user = PHYSIO, roles = "physiotherapist")
    void aPhysiotherapistScreens() {
        screenedByPhysio = post(screening(newPatient(), 125, 82, ""));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theAdministratorReadsWhoDidWhatAndWhen() {
        List<Map<String, Object>> reviewedEntries = AuditTrail.about(reviewed, AuditTrail.read(Map.of("from", before.toString())));
        assertThat(reviewedEntries).extracting(e -> e.get("action"))
                .as("newest first; the refused second clearance left nothing")
                .containsExactly("ClearanceGranted", "ScreeningCompleted");
        assertThat(reviewedEntries).extracting(e -> e.get("actor")).containsExactly(CLINICIAN, SCREENER);
        for (Map<String, Object> entry : reviewedEntries) {
            assertThat(entry).containsEntry("targetType", "screening")
                    .containsEntry("patientId", reviewedPatient).containsKey("id");
            assertThat(Instant.parse((String) entry.get("at"))).isBetween(before, between);
        }
        assertThat(AuditTrail.about(screenedByPhysio, AuditTrail.read(Map.of("from", before.toString()))))
                .singleElement().satisfies(e -> assertThat(e).containsEntry("actor", PHYSIO)
                        .containsEntry("action", "ScreeningCompleted"));

        List<Map<String, Object>> byPhysio = AuditTrail.read(Map.of("actor", PHYSIO));
        assertThat(byPhysio).isNotEmpty().allSatisfy(e -> assertThat(e).containsEntry("actor", PHYSIO));
        assertThat(AuditTrail.about(screenedByPhysio, byPhysio)).hasSize(1);
        assertThat(AuditTrail.about(reviewed, byPhysio)).isEmpty();

        List<Map<String, Object>> firstStep = AuditTrail.read(Map.of("from", before.toString(), "to", between.toString()));
        assertThat(AuditTrail.about(reviewed, firstStep)).hasSize(2);
        assertThat(AuditTrail.about(screenedByPhysio, firstStep)).isEmpty();
        List<Map<String, Object>> secondStep = AuditTrail.read(Map.of("from", between.toString()));
        assertThat(AuditTrail.about(reviewed, secondStep)).isEmpty();
        assertThat(AuditTrail.about(screenedByPhysio, secondStep)).hasSize(1);

        assertThat(AuditTrail.read(Map.of("from", before.toString(), "action", "ClearanceGranted", "actor", CLINICIAN)))
                .extracting(e -> e.get("targetId")).containsExactly(reviewed);
        assertThat(AuditTrail.read(Map.of("from", before.toString(), "limit", "1"))).hasSize(1);
    }

    @Test
    @Order(4)
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void badFiltersAreAProblemWithTheReason() {
        badRequest(Map.of("from", "yesterday"), "from: 'yesterday' is not an ISO-8601 instant");
        badRequest(Map.of("to", "2026-13-01T00:00:00Z"), "to: '2026-13-01T00:00:00Z' is not an ISO-8601 instant");
        badRequest(Map.of("from", "2026-11-28T10:00:00Z", "to", "2026-11-28T09:00:00Z"), "must not be after to");
        badRequest(Map.of("limit", "0"), "limit: '0' must be a number from 1 to 1000");
        badRequest(Map.of("limit", "1001"), "limit: '1001' must be a number from 1 to 1000");
        badRequest(Map.of("limit", "many"), "limit: 'many' must be a number from 1 to 1000");
    }

    @Test
    @Order(5)
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void noRequestChangesTheTrail() {
        List<Map<String, Object>> entries = AuditTrail.read(Map.of("from", before.toString()));
        Object id = entries.get(0).get("id");
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            given().contentType(ContentType.JSON).body("{\"actor\": \"nobody\"}").request(method, "/api/audit")
                    .then().statusCode(405).contentType("application/problem+json");
            int status = given().contentType(ContentType.JSON).body("{\"actor\": \"nobody\"}")
                    .request(method, "/api/audit/" + id).then().extract().statusCode();
            assertThat(status).as(method + " /api/audit/{id}").isIn(404, 405);
        }
        assertThat(AuditTrail.read(Map.of("from", before.toString()))).isEqualTo(entries);
    }

    @Test
    @Order(6)
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theDatabaseRefusesToRewriteHistory() throws SQLException {
        List<Map<String, Object>> entries = AuditTrail.read(Map.of("from", before.toString()));
        long id = ((Number) AuditTrail.about(reviewed, entries).get(0).get("id")).longValue();
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
        assertThat(AuditTrail.read(Map.of("from", before.toString()))).isEqualTo(entries);
    }

    @Test
    @Order(7)
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void theTrailIsAlsoServedUnderTheServicesName() {
        AuditTrail.servedUnderItsName("screening", Map.of("from", before.toString(), "to", between.toString()));
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

    @Test
    void withoutATokenTheTrailIs401() {
        given().get("/api/audit").then().statusCode(401);
    }

    private static void badRequest(Map<String, String> filters, String detail) {
        given().queryParams(filters).get("/api/audit").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400)).body("detail", containsString(detail));
    }
}
