package clinic.bfrguard.session.api;

import clinic.bfrguard.session.domain.Limb;
import clinic.bfrguard.session.support.Patients;
import clinic.bfrguard.testing.AuditTrail;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.SseClient;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static clinic.bfrguard.testing.TestUsers.at;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/floor} and {@code GET /api/floor/stream}: every active session of the caller's sites with the
 * bands on now, soonest deadline first, and each change of it pushed to every replica's stream.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
class FloorTest {

    private static final List<String> NORTH = List.of("north");
    private static final List<String> SOUTH = List.of("south");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/api/floor/stream")
    URI stream;

    @Inject
    AgroalDataSource dataSource;

    private static <T> T north(Supplier<T> steps) {
        return at(NORTH, "physio1", "physiotherapist", steps);
    }

    private static <T> T south(Supplier<T> steps) {
        return at(SOUTH, "physio2", "physiotherapist", steps);
    }

    private static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    private static String start(String patient) {
        return post("/api/sessions", Map.of("patientId", patient)).statusCode(201).extract().path("id");
    }

    private static String band(String session, Limb limb) {
        return post("/api/sessions/" + session + "/bands", Map.of("limb", limb.name(), "perceivedPressure", 6))
                .statusCode(201).extract().path("bandId");
    }

    /** The floor's tiles of {@code patients}, in the floor's order. */
    private static List<String> floorOf(List<String> patients) {
        List<String> shown = given().get("/api/floor").then().statusCode(200).extract().jsonPath()
                .getList("patientId", String.class);
        return shown.stream().filter(patients::contains).toList();
    }

    @Test
    void theFloorShowsTheActiveSessionsOfTheCallersSitesSoonestDeadlineFirst() {
        String first = Patients.clearedAt("north");
        String bare = Patients.clearedAt("north");
        String second = Patients.clearedAt("north");
        List<String> patients = List.of(first, bare, second);
        String[] sessions = north(() -> {
            String a = start(first);
            band(a, Limb.LEFT_THIGH);
            String b = start(bare);
            String c = start(second);
            String thigh = band(c, Limb.LEFT_THIGH);
            band(c, Limb.RIGHT_THIGH);
            assertThat(floorOf(patients)).as("the earlier deadline first, the session without a band last")
                    .containsExactly(first, second, bare);
            JsonPath floor = given().get("/api/floor").then().statusCode(200).extract().jsonPath();
            String tile = "find { it.patientId == '" + second + "' }";
            assertThat(floor.getString(tile + ".physiotherapist")).isEqualTo("physio1");
            assertThat(floor.getList(tile + ".bands.limb")).containsExactly("LEFT_THIGH", "RIGHT_THIGH");
            assertThat(floor.getString(tile + ".nextDeadline")).isEqualTo(floor.getString(tile + ".bands[0].deadline"));
            return new String[] {a, b, c, thigh};
        });

        assertThat(south(() -> floorOf(patients))).as("another site's floor").isEmpty();

        north(() -> {
            post("/api/sessions/" + sessions[2] + "/bands/" + sessions[3] + "/release", Map.of()).statusCode(200);
            JsonPath floor = given().get("/api/floor").then().statusCode(200).extract().jsonPath();
            assertThat(floor.getList("find { it.patientId == '" + second + "' }.bands.limb"))
                    .as("a released band leaves the tile").containsExactly("RIGHT_THIGH");
            post("/api/sessions/" + sessions[1] + "/complete", Map.of()).statusCode(200);
            assertThat(floorOf(patients)).as("a completed session leaves the floor").doesNotContain(bare);
            return null;
        });

        // reading the floor is reading each patient shown on it
        List<Map<String, Object>> reads = at(NORTH, "admin1", "clinic-admin", () -> AuditTrail.readsOf(first));
        assertThat(reads).extracting(e -> e.get("targetType") + " by " + e.get("actor")).contains("floor by physio1");
    }

    @Test
    void theStreamPushesEachChangeOfTheFloorWithTheSessionsTileAfterIt() throws Exception {
        String patient = Patients.clearedAt("north");
        try (SseClient floor = north(this::connected); SseClient elsewhere = south(this::connected)) {
            String session = north(() -> start(patient));
            String bandId = north(() -> band(session, Limb.LEFT_ARM));
            north(() -> post("/api/sessions/" + session + "/symptoms", Map.of("symptom", "TINGLING"))
                    .statusCode(201));
            north(() -> post("/api/sessions/" + session + "/bands/" + bandId + "/release", Map.of()).statusCode(200));
            north(() -> post("/api/sessions/" + session + "/complete", Map.of()).statusCode(200));

            JsonPath started = change(floor, patient, "SessionStarted");
            assertThat(started.getString("session.sessionId")).isEqualTo(session);
            assertThat(started.getList("session.bands")).isEmpty();
            JsonPath applied = change(floor, patient, "BandApplied");
            assertThat(applied.getString("session.bands[0].bandId")).isEqualTo(bandId);
            assertThat(applied.getString("session.bands[0].limb")).isEqualTo("LEFT_ARM");
            assertThat(applied.getString("session.nextDeadline")).isEqualTo(applied.getString("session.bands[0].deadline"));
            JsonPath symptom = change(floor, patient, "SymptomReported");
            assertThat(symptom.getList("session.symptoms.symptom")).containsExactly("TINGLING");
            JsonPath released = change(floor, patient, "BandReleased");
            assertThat(released.getList("session.bands")).isEmpty();
            JsonPath completed = change(floor, patient, "SessionCompleted");
            assertThat(completed.getString("session.status")).isEqualTo("COMPLETED");
            assertThat(completed.getLong("seq")).isGreaterThan(started.getLong("seq"));

            // the north floor's changes pass a south stream by; its heartbeat says it is alive all the same
            assertThat(elsewhere.awaitComment("heartbeat", Duration.ofSeconds(5))).isTrue();
            assertThat(elsewhere.next(e -> e.data().contains(patient), Duration.ofSeconds(1))).isNull();
        }
    }

    @Test
    void aChangeCommittedByAnotherReplicaReachesTheStreamAtOnceAndAReconnectReplaysWhatWasMissed() throws Exception {
        String patient = Patients.fresh();
        String lastSeen;
        try (SseClient floor = north(this::connected)) {
            insertOtherReplicasChange(patient, "BandApplied");
            long committed = System.nanoTime();
            SseClient.Event event = floor.next(e -> e.data().contains(patient), Duration.ofSeconds(5));
            // %test polls every 30 s: only the database's notification brings it this soon
            assertThat(event).as("the other replica's change").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - committed)).isLessThan(Duration.ofSeconds(1));
            lastSeen = event.id();
        }
        insertOtherReplicasChange(patient, "BandReleased");
        try (SseClient again = north(() -> {
            try {
                return new SseClient(stream, lastSeen).awaitConnected(WAIT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })) {
            SseClient.Event missed = again.next(e -> e.data().contains(patient), WAIT);
            assertThat(missed).isNotNull();
            assertThat(missed.beforeConnected()).as("replayed before the live changes").isTrue();
            assertThat(JsonPath.from(missed.data()).getString("kind")).isEqualTo("BandReleased");
        }
    }

    @Test
    void theFloorIsForPhysiotherapistsAndClinicians() {
        at(NORTH, "admin1", "clinic-admin", () -> given().get("/api/floor").then().statusCode(403));
        at(NORTH, "clinician1", "clinician", () -> given().get("/api/floor").then().statusCode(200));
        given().get("/api/floor").then().statusCode(401);
    }

    private SseClient connected() {
        try {
            return new SseClient(stream, null).awaitConnected(WAIT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath change(SseClient floor, String patient, String kind) throws InterruptedException {
        SseClient.Event event = floor.next(e -> e.data().contains(patient)
                && e.data().contains("\"kind\":\"" + kind + "\""), WAIT);
        assertThat(event).as(kind + " on the floor stream").isNotNull();
        JsonPath change = JsonPath.from(event.data());
        assertThat(change.getLong("seq")).isEqualTo(Long.parseLong(event.id()));
        return change;
    }

    /** What another replica's transaction leaves behind: a change row, and no wake-up in this JVM. */
    private void insertOtherReplicasChange(String patient, String kind) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into session_change"
                        + " (session_id, site, kind, session_json, created_at) values (?, 'north', ?, ?, now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, kind);
            insert.setString(3, "{\"patientId\":\"" + patient + "\"}");
            insert.executeUpdate();
        }
    }
}
