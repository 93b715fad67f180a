package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.support.Alerts;
import clinic.bfrguard.testing.SseClient;
import clinic.bfrguard.testing.ClinicTestResources;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

import static clinic.bfrguard.alert.api.AlertRaisingTest.symptom;
import static clinic.bfrguard.alert.support.TestEvents.newPatient;
import static clinic.bfrguard.alert.support.TestEvents.session;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clinician's screen follows alerts through the stream, hears its heartbeat while nothing happens, and catches up
 * after a reconnect.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@TestSecurity(user = "clinician1", roles = "clinician")
class AlertStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/api/alerts/stream")
    URI stream;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theStreamPushesTheRaisedAlertAndThenItsAcknowledgement() throws Exception {
        String patient = newPatient();
        try (SseClient client = new SseClient(stream, null).awaitConnected(WAIT)) {
            // not a CRITICAL symptom: with the test's 2 s escalation, an escalation could come before the ack
            session(patient, "SymptomReported", symptom(UUID.randomUUID(), "TINGLING"));

            SseClient.Event raised = client.next(e -> e.data().contains(patient), WAIT);
            assertThat(raised).as("the raised alert on the stream").isNotNull();
            JsonPath change = JsonPath.from(raised.data());
            assertThat(change.getString("kind")).isEqualTo("RAISED");
            assertThat(change.getString("alert.severity")).isEqualTo("HIGH");
            assertThat(change.getLong("seq")).isEqualTo(Long.parseLong(raised.id()));
            String alertId = change.getString("alert.id");

            given().post("/api/alerts/{id}/acknowledge", alertId).then().statusCode(200);

            SseClient.Event acknowledged = client.next(e -> e.data().contains(alertId), WAIT);
            assertThat(acknowledged).as("the acknowledgement on the stream").isNotNull();
            assertThat(JsonPath.from(acknowledged.data()).getString("kind")).isEqualTo("ACKNOWLEDGED");
            assertThat(JsonPath.from(acknowledged.data()).getString("alert.acknowledgedBy")).isEqualTo("clinician1");
            assertThat(Long.parseLong(acknowledged.id())).isGreaterThan(Long.parseLong(raised.id()));
        }
    }

    @Test
    void aQuietStreamSendsAHeartbeatCommentAtEachInterval() throws Exception {
        try (SseClient client = new SseClient(stream, null).awaitConnected(WAIT)) {
            // %test heartbeat: 1 s
            assertThat(client.awaitComment("heartbeat", Duration.ofSeconds(5))).as("the first heartbeat").isTrue();
            assertThat(client.awaitComment("heartbeat", Duration.ofSeconds(5))).as("and the next").isTrue();
        }
    }

    @Test
    void aChangeCommittedByAnotherReplicaReachesTheStreamAtOnce() throws Exception {
        String patient = newPatient();
        try (SseClient client = new SseClient(stream, null).awaitConnected(WAIT)) {
            // what another replica's transaction leaves behind: a change row, and no wake-up in this JVM
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement("insert into alert_change"
                            + " (alert_id, site, kind, alert_json, created_at)"
                            + " values (?, 'main', 'RAISED', ?, now())")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, "{\"patientId\":\"" + patient + "\"}");
                insert.executeUpdate();
            }

            long committed = System.nanoTime();
            SseClient.Event event = client.next(e -> e.data().contains(patient), Duration.ofSeconds(5));

            // %test polls every 30 s: only the database's notification brings it this soon
            assertThat(event).as("the other replica's change").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - committed)).as("after its commit")
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(JsonPath.from(event.data()).getString("kind")).isEqualTo("RAISED");
        }
    }

    @Test
    void reconnectingWithLastEventIdReplaysWhatWasMissed() throws Exception {
        String patient = newPatient();
        String alertId;
        String lastSeen;
        try (SseClient client = new SseClient(stream, null).awaitConnected(WAIT)) {
            session(patient, "SymptomReported", symptom(UUID.randomUUID(), "PAIN"));
            SseClient.Event raised = client.next(e -> e.data().contains(patient), WAIT);
            assertThat(raised).isNotNull();
            alertId = JsonPath.from(raised.data()).getString("alert.id");
            lastSeen = raised.id();
        }

        // while the screen is away, the alert is acknowledged and resolved, and another one is raised
        given().post("/api/alerts/{id}/acknowledge", alertId).then().statusCode(200);
        given().post("/api/alerts/{id}/resolve", alertId).then().statusCode(200);
        session(patient, "SymptomReported", symptom(UUID.randomUUID(), "TINGLING"));
        Alerts.await(patient, 2);

        try (SseClient client = new SseClient(stream, lastSeen).awaitConnected(WAIT)) {
            SseClient.Event first = client.next(e -> e.data().contains(patient), WAIT);
            SseClient.Event second = client.next(e -> e.data().contains(patient), WAIT);
            SseClient.Event third = client.next(e -> e.data().contains(patient), WAIT);
            assertThat(first).isNotNull();
            assertThat(second).isNotNull();
            assertThat(third).isNotNull();
            assertThat(JsonPath.from(first.data()).getString("kind")).isEqualTo("ACKNOWLEDGED");
            assertThat(JsonPath.from(second.data()).getString("kind")).isEqualTo("RESOLVED");
            assertThat(JsonPath.from(third.data()).getString("kind")).isEqualTo("RAISED");
            assertThat(JsonPath.from(third.data()).getString("alert.message")).contains("Tingling");
            assertThat(Long.parseLong(first.id())).isGreaterThan(Long.parseLong(lastSeen));
            assertThat(Long.parseLong(second.id())).isGreaterThan(Long.parseLong(first.id()));
            assertThat(client.next(e -> e.data().contains(patient), Duration.ofMillis(500))).as("nothing twice")
                    .isNull();
        }
    }
}
