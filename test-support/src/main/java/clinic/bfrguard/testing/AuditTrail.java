package clinic.bfrguard.testing;

import io.restassured.http.ContentType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** A service's audit trail as its component tests read it and try to change it. */
public final class AuditTrail {

    private AuditTrail() {
    }

    /** {@code GET /api/audit} as the test's identity with these filters (up to 1,000 entries unless a limit is given). */
    public static List<Map<String, Object>> read(Map<String, String> filters) {
        return read("/api/audit", filters);
    }

    private static List<Map<String, Object>> read(String path, Map<String, String> filters) {
        Map<String, String> query = new HashMap<>(filters);
        query.putIfAbsent("limit", "1000");
        return given().queryParams(query).get(path)
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath().getList("$");
    }

    /**
     * Asserts that {@code /api/audit/<name>} answers the same entries as {@code /api/audit} for these filters (which
     * should end before the test, so that nothing is added between the two reads), and that the names of the other
     * services are not found here.
     */
    public static void servedUnderItsName(String name, Map<String, String> filters) {
        List<Map<String, Object>> entries = read(filters);
        if (entries.isEmpty()) {
            throw new AssertionError("no entries for " + filters + ": nothing to compare");
        }
        List<Map<String, Object>> named = read("/api/audit/" + name, filters);
        if (!named.equals(entries)) {
            throw new AssertionError("/api/audit/" + name + " answered " + named.size() + " entries, /api/audit "
                    + entries.size() + ", or not the same ones");
        }
        for (String other : List.of("screening", "session", "alert", name + "-service")) {
            if (!other.equals(name)) {
                given().get("/api/audit/" + other).then().statusCode(404).contentType("application/problem+json");
            }
        }
        given().get("/api/audit/" + name + "/entries").then().statusCode(404);
    }

    /** The entries about one target, in the trail's order (newest first). */
    public static List<Map<String, Object>> about(String targetId, List<Map<String, Object>> entries) {
        return entries.stream().filter(e -> targetId.equals(e.get("targetId"))).toList();
    }

    /** Asserts that no write method on the trail or on one of its entries is accepted. */
    public static void refusesRequests(Object entryId) {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            given().contentType(ContentType.JSON).body("{}").request(method, "/api/audit").then().statusCode(405);
            int status = given().contentType(ContentType.JSON).body("{}").request(method, "/api/audit/" + entryId)
                    .then().extract().statusCode();
            if (status != 404 && status != 405) {
                throw new AssertionError(method + " /api/audit/" + entryId + " answered " + status
                        + ", expected 404 or 405");
            }
        }
    }

    /** Asserts that the database refuses every statement that would change the entry or empty the trail. */
    public static void refusesSql(DataSource dataSource, Object entryId) throws SQLException {
        List<String> statements = List.of(
                "update audit_entry set actor = 'nobody' where id = " + entryId,
                "update audit_entry set actor = 'nobody'",
                "delete from audit_entry where id = " + entryId,
                "delete from audit_entry",
                "truncate audit_entry");
        for (String statement : statements) {
            try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
                sql.execute(statement);
                throw new AssertionError("the database accepted \"" + statement + "\"");
            } catch (SQLException e) {
                if (e.getMessage() == null || !e.getMessage().contains("append-only")) {
                    throw e;
                }
            }
        }
    }
}
