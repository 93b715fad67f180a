package clinic.bfrguard.common.audit;

import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.PostgresTestServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail's hash chain against the real database: {@code GET /api/audit/verify} finds it intact after
 * concurrent writers, and names the first entry that someone changed or removed in PostgreSQL behind the
 * append-only triggers' back. Each test starts from an empty trail, emptied the same way.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "common"))
@TestSecurity(user = "admin1", roles = "clinic-admin")
class AuditChainTest {

    @Inject
    Audit audit;

    @BeforeEach
    @AfterEach
    void emptyTrail() throws SQLException {
        asSuperuserWithoutTriggers("delete from audit_entry");
    }

    private void record(String actor, String action, String target) {
        QuarkusTransaction.requiringNew().run(() -> audit.record(actor, action, "band", target, "P-1"));
    }

    private static JsonPath verify(String path) {
        return given().get(path).then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    @Test
    void anUntouchedTrailIsIntact() {
        record("physio1", "BandApplied", "b-1");
        record("physio1", "BandReleased", "b-1");
        QuarkusTransaction.requiringNew().run(() -> {
            audit.record("physio2", "BandApplied", "band", "b-2", null);
            audit.record("physio2", "BandApplied", "band", "b-3", null);
        });

        JsonPath answer = verify("/api/audit/verify");
        assertThat(answer.getBoolean("intact")).isTrue();
        assertThat(answer.getLong("entries")).isEqualTo(4);
        assertThat(answer.getMap("$")).doesNotContainKeys("firstBrokenEntry", "reason");
        assertThat(verify("/api/audit/common/verify").getMap("$")).isEqualTo(answer.getMap("$"));
        given().get("/api/audit/session/verify").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aRowChangedInTheDatabaseIsNamed() throws SQLException {
        record("physio1", "BandApplied", "b-1");
        record("physio1", "BandApplied", "b-2");
        record("physio1", "BandApplied", "b-3");
        long second = idOf("b-2");
        Instant at = atOf(second);

        asSuperuserWithoutTriggers("update audit_entry set actor = 'somebody-else' where id = " + second);

        JsonPath answer = verify("/api/audit/verify");
        assertThat(answer.getBoolean("intact")).isFalse();
        assertThat(answer.getLong("firstBrokenEntry")).isEqualTo(second);
        assertThat(Instant.parse(answer.getString("at"))).isEqualTo(at);
        assertThat(answer.getString("reason")).contains("does not match its hash");
        assertThat(answer.getLong("entries")).as("intact entries before it").isEqualTo(1);
    }

    @Test
    void aRowRemovedFromTheDatabaseIsNoticedAtTheEntryAfterIt() throws SQLException {
        record("physio1", "BandApplied", "b-1");
        record("physio1", "BandApplied", "b-2");
        record("physio1", "BandApplied", "b-3");

        asSuperuserWithoutTriggers("delete from audit_entry where id = " + idOf("b-2"));

        JsonPath answer = verify("/api/audit/verify");
        assertThat(answer.getBoolean("intact")).isFalse();
        assertThat(answer.getLong("firstBrokenEntry")).isEqualTo(idOf("b-3"));
        assertThat(answer.getString("reason")).contains("missing");
    }

    @Test
    void concurrentWritersKeepOneLinearChain() throws Exception {
        int writers = 8;
        int perWriter = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        record("physio" + writer, "SetLogged", writer + "-" + i);
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        JsonPath answer = verify("/api/audit/verify");
        assertThat(answer.getBoolean("intact")).isTrue();
        assertThat(answer.getLong("entries")).isEqualTo((long) writers * perWriter);
    }

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    void onlyTheAdministratorVerifies() {
        given().get("/api/audit/verify").then().statusCode(403);
    }

    private static long idOf(String targetId) throws SQLException {
        try (Connection connection = connection();
             PreparedStatement query = connection.prepareStatement(
                     "select id from audit_entry where target_id = ?")) {
            query.setString(1, targetId);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("entry about " + targetId).isTrue();
                return rows.getLong(1);
            }
        }
    }

    private static Instant atOf(long id) throws SQLException {
        try (Connection connection = connection();
             Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("select at from audit_entry where id = " + id)) {
            rows.next();
            return rows.getTimestamp(1).toInstant();
        }
    }

    /** As a superuser on a connection of its own, with the append-only triggers off for that session only. */
    private static void asSuperuserWithoutTriggers(String statement) throws SQLException {
        try (Connection connection = connection(); Statement sql = connection.createStatement()) {
            sql.execute("set session_replication_role = replica");
            sql.execute(statement);
        }
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection(PostgresTestServer.jdbcUrl("common"), PostgresTestServer.user(),
                PostgresTestServer.password());
    }
}
