package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.events.AlertChanged;
import clinic.bfrguard.alert.support.Alerts;
import clinic.bfrguard.alert.support.SseClient;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.Waiting;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static clinic.bfrguard.alert.api.AlertRaisingTest.symptom;
import static clinic.bfrguard.alert.support.TestEvents.newPatient;
import static clinic.bfrguard.alert.support.TestEvents.session;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A clinician's screen follows alerts through the stream, and catches up after a reconnect. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@TestSecurity(user = "clinician1", roles = "clinician")
class AlertStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/api/alerts/stream")
    URI stream;

    @Inject
    AgroalDataSource dataSource;

    /** What a commit fires: wakes the feed at once for rows this test writes itself. */
    @Inject
    Event<AlertChanged> changed;

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
    void aChangeCommittedByAnotherReplicaReachesTheStreamThroughThePoll() throws Exception {
        String patient = newPatient();
        try (SseClient client = new SseClient(stream, null).awaitConnected(WAIT)) {
            // what another replica's transaction leaves behind: a change row, and no wake-up in this JVM
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement("insert into alert_change"
                            + " (alert_id, kind, alert_json, created_at) values (?, 'RAISED', ?, now())")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, "{\"patientId\":\"" + patient + "\"}");
                insert.executeUpdate();
            }

            SseClient.Event event = client.next(e -> e.data().contains(patient), Duration.ofSeconds(5));

            assertThat(event).as("the other replica's change, within the poll interval").isNotNull();
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

    @Test
    void aClientThatStopsReadingIsDisconnectedWhileAReadingClientGetsEveryChange() throws Exception {
        String patient = newPatient();
        int batches = 30;
        int perBatch = 100;
        try (SseClient reading = new SseClient(stream, null).awaitConnected(WAIT);
                Socket stuck = openWithoutReading()) {
            // 30 x 100 changes of 8 KB: far more than the stuck client's buffer, the socket buffers and TCP's window
            List<Long> sent = new ArrayList<>();
            List<Long> received = new ArrayList<>();
            for (int batch = 0; batch < batches; batch++) {
                List<Long> seqs = insertChanges(patient, perBatch, 8 * 1024);
                sent.addAll(seqs);
                changed.fire(new AlertChanged(seqs.get(seqs.size() - 1)));
                for (int i = 0; i < perBatch; i++) {
                    SseClient.Event event = reading.next(e -> e.data().contains(patient), WAIT);
                    assertThat(event).as("the reading client keeps up with batch %d", batch).isNotNull();
                    received.add(Long.parseLong(event.id()));
                }
            }

            assertThat(received).as("every change once, in order").isEqualTo(sent);
            assertThat(readToEnd(stuck, Duration.ofSeconds(30)))
                    .as("the server closed the connection of the client that stopped reading").isTrue();
        }
    }

    @Test
    @TestSecurity(user = "clinician-with-many-screens", roles = "clinician")
    void aUserMayHaveFiveStreamsOpenAndASixthIsAnswered429UntilOneCloses() throws Exception {
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(new SseClient(stream, null).awaitConnected(WAIT));
            }

            try (SseClient sixth = new SseClient(stream, null)) {
                assertThat(sixth.awaitStatus(WAIT)).isEqualTo(429);
                assertThat(sixth.header("Content-Type")).startsWith("application/problem+json");
                assertThat(sixth.header("Retry-After")).isEqualTo("10");
                assertThat(JsonPath.from(sixth.errorBody()).getInt("status")).isEqualTo(429);
                assertThat(JsonPath.from(sixth.errorBody()).getString("detail")).contains("at most 5");
            }

            open.remove(0).close();
            SseClient again = Waiting.until("a place freed by the closed stream", () -> {
                SseClient attempt = new SseClient(stream, null);
                try {
                    if (attempt.awaitStatus(WAIT) == 200) {
                        return attempt;
                    }
                } catch (Exception e) {
                    // counted as not yet
                }
                attempt.close();
                return null;
            }, attempt -> attempt != null);
            open.add(again.awaitConnected(WAIT));
        } finally {
            open.forEach(SseClient::close);
        }
    }

    @Test
    void aLongReplayDoesNotDelayAnotherClientsLiveChanges() throws Exception {
        String patient = newPatient();
        session(patient, "SymptomReported", symptom(UUID.randomUUID(), "TINGLING"));
        String alertId = (String) Alerts.awaitOne(patient).get("id");

        String history = newPatient();
        long before = newestSeq();
        List<Long> replayed = insertChanges(history, 2000, 8 * 1024);
        String last = Long.toString(replayed.get(replayed.size() - 1));
        changed.fire(new AlertChanged(replayed.get(replayed.size() - 1)));

        try (SseClient live = new SseClient(stream, last).awaitConnected(WAIT);
                SseClient replaying = new SseClient(stream, Long.toString(before), Duration.ofMillis(1))) {
            SseClient.Event first = replaying.next(e -> e.data().contains(history), WAIT);
            assertThat(first).as("the replay has begun").isNotNull();

            given().post("/api/alerts/{id}/acknowledge", alertId).then().statusCode(200);
            long committed = System.nanoTime();
            SseClient.Event acknowledged = live.next(e -> e.data().contains(alertId), WAIT);

            assertThat(acknowledged).as("the acknowledgement on the live client").isNotNull();
            assertThat(replaying.isConnected()).as("the other client is still replaying").isFalse();
            assertThat(Duration.ofNanos(acknowledged.receivedNanos() - committed))
                    .as("the live change's delay during the replay").isLessThan(Duration.ofMillis(200));

            // the replay, then the live acknowledgement: read together, as next() skips what does not match
            List<Long> seen = new ArrayList<>(List.of(Long.parseLong(first.id())));
            SseClient.Event event;
            while ((event = replaying.next(e -> e.data().contains(history) || e.data().contains(alertId), WAIT))
                    != null && event.data().contains(history)) {
                seen.add(Long.parseLong(event.id()));
            }
            assertThat(seen).as("the replay: every change once, in order").isEqualTo(replayed);
            assertThat(event).as("the acknowledgement, after the replay").isNotNull();
            assertThat(replaying.isConnected()).as("the replay's end came before the live change").isTrue();
            assertThat(replaying.next(e -> e.data().contains(alertId), Duration.ofMillis(500))).as("nothing twice")
                    .isNull();
        }
    }

    @Test
    void theStreamEndsWhenTheTokenExpires() throws Exception {
        QuarkusMock.installMockForType(new TokenExpiry() {
            @Override
            public Optional<Instant> of(SecurityIdentity identity) {
                return Optional.of(Instant.now().plusSeconds(2));
            }
        }, TokenExpiry.class);
        long opened = System.nanoTime();
        try (SseClient client = new SseClient(stream, null).awaitConnected(WAIT)) {
            Long ended = client.awaitEnd(WAIT);

            assertThat(ended).as("the stream ended").isNotNull();
            assertThat(Duration.ofNanos(ended - opened)).isGreaterThanOrEqualTo(Duration.ofMillis(1900))
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    @OidcSecurity(claims = @Claim(key = "exp", value = "1", type = ClaimType.LONG))
    void aStreamOpenedWithAnExpiredTokenEndsAtOnce() throws Exception {
        try (SseClient client = new SseClient(stream, null)) {
            assertThat(client.awaitStatus(WAIT)).isEqualTo(200);
            assertThat(client.awaitEnd(Duration.ofSeconds(5))).as("the stream ended").isNotNull();
        }
    }

    /** Opens the stream on a raw socket with a small receive buffer, reads up to the "connected" comment, and stops. */
    private Socket openWithoutReading() throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(stream.getHost(), stream.getPort()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + stream.getPath() + " HTTP/1.1\r\nHost: " + stream.getHost() + ":" + stream.getPort()
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout((int) WAIT.toMillis());
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).contains("connected")) {
            int b = in.read();
            assertThat(b).as("the stream's start").isNotNegative();
            head.write(b);
        }
        assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
        return socket;
    }

    /** Reads what is left; true if the server closed the connection within {@code timeout}. */
    private static boolean readToEnd(Socket socket, Duration timeout) throws Exception {
        socket.setSoTimeout((int) timeout.toMillis());
        byte[] chunk = new byte[64 * 1024];
        try {
            while (socket.getInputStream().read(chunk) >= 0) {
                // what was already in the socket buffers before the server closed the connection
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    /** Writes {@code count} change rows for the patient in one transaction, as a burst of alerts would; their seqs. */
    private List<Long> insertChanges(String patient, int count, int padding) throws Exception {
        List<Long> seqs = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into alert_change"
                        + " (alert_id, kind, alert_json, created_at) select md5(random()::text)::uuid, 'RAISED',"
                        + " '{\"patientId\":\"' || ? || '\",\"n\":' || i || ',\"padding\":\"' || repeat('x', ?)"
                        + " || '\"}', now() from generate_series(1, ?) i order by i returning seq")) {
            insert.setString(1, patient);
            insert.setInt(2, padding);
            insert.setInt(3, count);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                }
            }
        }
        seqs.sort(null);
        return seqs;
    }

    private long newestSeq() throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select coalesce(max(seq), 0) from alert_change");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
