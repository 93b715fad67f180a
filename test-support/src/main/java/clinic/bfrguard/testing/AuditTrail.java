package clinic.bfrguard.testing;

import io.restassured.http.ContentType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A service's audit trail as clinic IT reads it in component tests, and tries to change it. The trail is shared by
 * every test of the JVM, so a test reads back only its own entries: those about its own targets, within a window of
 * time it marked around its own steps with {@link #mark()}.
 */
public final class AuditTrail {

    private AuditTrail() {
    }

    /**
     * Now, with a few milliseconds' margin on both sides: an entry written before the call is older, one written
     * after it is newer. A bound for the {@code from} and {@code to} filters between a test's steps.
     */
    public static Instant mark() {
        pause();
        Instant now = Instant.now();
        pause();
        return now;
    }

    /** The filters for the entries written from {@code from} to {@code to}. */
    public static Map<String, String> between(Instant from, Instant to) {
        return Map.of("from", from.toString(), "to", to.toString());
    }

    /** The filters for the entries written since {@code from}. */
    public static Map<String, String> since(Instant from) {
        return Map.of("from", from.toString());
    }

    /** The READ entries about the patient, newest first: who looked at this patient's data. */
    public static List<Map<String, Object>> readsOf(String patientId) {
        return read(Map.of("target", patientId, "action", "READ"));
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

    /** The actions on one target, newest first. */
    public static List<Object> actions(String targetId, List<Map<String, Object>> entries) {
        return about(targetId, entries).stream().map(e -> e.get("action")).toList();
    }

    /**
     * Waits until the entries for {@code filters} about {@code targetId} include {@code action} (one the service
     * writes on its own, after an event or a timer), and returns those entries.
     */
    public static List<Map<String, Object>> awaitAction(Map<String, String> filters, String targetId, String action) {
        return Waiting.until(action + " about " + targetId + " in the trail", () -> about(targetId, read(filters)),
                entries -> entries.stream().anyMatch(e -> action.equals(e.get("action"))));
    }

    /** Asserts that the trail is not for the test's identity: a problem with {@code status} (401 or 403). */
    public static void refuses(int status) {
        given().get("/api/audit").then().statusCode(status).contentType("application/problem+json");
    }

    /** Asserts that filters the trail cannot apply are a 400 problem that says what is wrong with them. */
    public static void refusesBadFilters() {
        badFilters(Map.of("from", "yesterday"), "from: 'yesterday' is not an ISO-8601 instant");
        badFilters(Map.of("to", "2026-13-01T00:00:00Z"), "to: '2026-13-01T00:00:00Z' is not an ISO-8601 instant");
        badFilters(Map.of("from", "2026-11-28T10:00:00Z", "to", "2026-11-28T09:00:00Z"), "must not be after to");
        badFilters(Map.of("limit", "0"), "limit: '0' must be a number from 1 to 1000");
        badFilters(Map.of("limit", "1001"), "limit: '1001' must be a number from 1 to 1000");
        badFilters(Map.of("limit", "many"), "limit: 'many' must be a number from 1 to 1000");
    }

    private static void badFilters(Map<String, String> filters, String detail) {
        given().queryParams(filters).get("/api/audit").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400)).body("detail", containsString(detail));
    }

    /** Asserts that no write method on the trail or on one of its entries is accepted. */
    public static void refusesRequests(Object entryId) {
        String rewrite = "{\"actor\": \"nobody\"}";
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            given().contentType(ContentType.JSON).body(rewrite).request(method, "/api/audit")
                    .then().statusCode(405).contentType("application/problem+json");
            int status = given().contentType(ContentType.JSON).body(rewrite).request(method, "/api/audit/" + entryId)
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

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
