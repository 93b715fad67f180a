package clinic.bfrguard.alert.api;

import clinic.bfrguard.common.stream.Change;
import clinic.bfrguard.alert.config.AlertConfig;
import clinic.bfrguard.alert.events.AlertChanged;
import clinic.bfrguard.alert.support.Alerts;
import clinic.bfrguard.testing.SseClient;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.Waiting;
import io.agroal.api.AgroalDataSource;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestIdentityAssociation;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
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
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static clinic.bfrguard.alert.api.AlertRaisingTest.symptom;
import static clinic.bfrguard.alert.support.TestEvents.newPatient;
import static clinic.bfrguard.alert.support.TestEvents.session;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream's limits, as clients see them: a client that stops reading is let go while the others get everything,
 * a user has a few streams at most, a reconnect's replay holds up nobody, and a stream lasts as long as its token.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@TestSecurity(user = "clinician1", roles = "clinician")
class AlertStreamLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/api/alerts/stream")
    URI stream;

    @Inject
    AgroalDataSource dataSource;

    /** What a commit fires: wakes the feed at once for change rows this test writes itself. */
    @Inject
    Event<AlertChanged> changed;

    @Inject
    TestIdentityAssociation identities;

    @Inject
    AlertConfig config;

    @Test
    void aClientThatStopsReadingIsDisconnectedWhileOneThatReadsGetsTheWholeBurst() throws Exception {
        String patient = newPatient();
        try (SseClient reading = new SseClient(stream, null).awaitConnected(WAIT);
                Socket stalled = openWithoutReading()) {
            // 4,000 changes of 8 KB in one commit, as after an outage: far more than a stream's buffer (1,024) and
            // the socket buffers between the server and the client that stopped reading
            List<Long> burst = insertChanges(patient, 4000, 8 * 1024);
            wakeFeed(burst);

            List<Long> received = new ArrayList<>();
            for (int i = 0; i < burst.size(); i++) {
                SseClient.Event event = reading.next(e -> e.data().contains(patient), WAIT);
                assertThat(event).as("change %d of the burst on the reading client", i).isNotNull();
                received.add(Long.parseLong(event.id()));
            }
            assertThat(received).as("every change once, in order").isEqualTo(burst);
            // the stalled client goes on not reading for longer than the stall timeout (%test: 6 s), and a poll
            Thread.sleep(config.stream().stallTimeout().plus(config.streamPoll()).plusSeconds(2).toMillis());
            assertThat(readToEnd(stalled, Duration.ofSeconds(30)))
                    .as("the server closed the connection of the client that stopped reading").isTrue();
            // the client let go gave its place back: beside the reading one, the user may open all the others
            List<SseClient> others = new ArrayList<>();
            try {
                for (int i = 1; i < config.stream().maxPerUser(); i++) {
                    others.add(new SseClient(stream, null).awaitConnected(WAIT));
                }
            } finally {
                others.forEach(SseClient::close);
            }

            List<Long> later = insertChanges(patient, 1, 16);
            wakeFeed(later);
            SseClient.Event next = reading.next(e -> e.data().contains(patient), WAIT);
            assertThat(next).as("the reading client is still connected").isNotNull();
            assertThat(Long.parseLong(next.id())).isEqualTo(later.get(0));
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
                JsonPath problem = JsonPath.from(sixth.errorBody());
                assertThat(problem.getInt("status")).isEqualTo(429);
                assertThat(problem.getString("detail")).contains("at most 5 alert streams");
            }
            assertThat(given().get("/api/alerts?limit=1").statusCode()).as("other calls are not limited")
                    .isEqualTo(200);

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
    void aReplayDoesNotHoldUpLiveChangesToOtherClients() throws Exception {
        String patient = newPatient();
        session(patient, "SymptomReported", symptom(UUID.randomUUID(), "TINGLING"));
        String alertId = (String) Alerts.awaitOne(patient).get("id");
        Predicate<SseClient.Event> acknowledgement = e -> e.data().contains(alertId)
                && e.data().contains("\"kind\":\"ACKNOWLEDGED\"");

        String history = newPatient();
        try (SseClient live = new SseClient(stream, null).awaitConnected(WAIT)) {
            long before = newestSeq();
            List<Long> backlog = insertChanges(history, 1200, 256);
            wakeFeed(backlog);
            long last = backlog.get(backlog.size() - 1);
            assertThat(live.next(e -> e.id().equals(Long.toString(last)), WAIT)).as("the live client is up to date")
                    .isNotNull();

            // the replay's reads of the table (everything after a seq below the backlog's end) wait for the test
            CountDownLatch replayBegun = new CountDownLatch(1);
            CountDownLatch replayMayGoOn = new CountDownLatch(1);
            QuarkusMock.installMockForType(new AlertChanges(dataSource) {
                @Override
                public List<Change> changesAfter(long seq, int limit) throws SQLException {
                    if (seq < last) {
                        replayBegun.countDown();
                        try {
                            // longer than the test waits for the live change: a replay on the feed's thread fails it
                            replayMayGoOn.await(WAIT.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return super.changesAfter(seq, limit);
                }
            }, AlertChanges.class);

            try (SseClient replaying = new SseClient(stream, Long.toString(before))) {
                assertThat(replayBegun.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the replay has begun")
                        .isTrue();

                given().post("/api/alerts/{id}/acknowledge", alertId).then().statusCode(200);

                assertThat(live.next(acknowledgement, WAIT)).as("the live change, while the replay is held up")
                        .isNotNull();
                assertThat(replaying.isConnected()).as("the replay is not over").isFalse();

                replayMayGoOn.countDown();
                // the replay, then the acknowledgement committed during it: read together, as next() skips the rest
                List<Long> replayed = new ArrayList<>();
                SseClient.Event event;
                while ((event = replaying.next(e -> e.data().contains(history) || acknowledgement.test(e), WAIT))
                        != null && event.data().contains(history)) {
                    assertThat(event.beforeConnected()).as("a replayed change, before the replay's end").isTrue();
                    replayed.add(Long.parseLong(event.id()));
                }
                assertThat(replayed).as("the replay: every change once, in order").isEqualTo(backlog);
                assertThat(event).as("the acknowledgement, after the replay").isNotNull();
                assertThat(replaying.next(acknowledgement, Duration.ofMillis(500))).as("nothing twice").isNull();
            }
        }
    }

    @Test
    void theStreamEndsWhenTheTokenExpires() throws Exception {
        long exp = Instant.now().plusSeconds(3).getEpochSecond();
        signInWithTokenExpiringAt(exp);
        try (SseClient client = new SseClient(stream, null).awaitConnected(WAIT)) {
            assertThat(client.awaitEnd(WAIT)).as("the stream ended").isTrue();
            assertThat(Instant.now()).as("not before the token expired").isAfterOrEqualTo(Instant.ofEpochSecond(exp));
        }
    }

    @Test
    void aStreamOpenedWithATokenThatHasJustExpiredEndsAtOnce() throws Exception {
        signInWithTokenExpiringAt(Instant.now().minusSeconds(1).getEpochSecond());
        try (SseClient client = new SseClient(stream, null)) {
            assertThat(client.awaitStatus(WAIT)).isEqualTo(200);
            assertThat(client.awaitEnd(WAIT)).as("the stream ended").isTrue();
        }
    }

    /** The rest of the test runs as a clinician whose access token expires at {@code exp} (epoch seconds). */
    private void signInWithTokenExpiringAt(long exp) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("clinician-with-a-short-token");
        claims.setClaim("preferred_username", "clinician-with-a-short-token");
        claims.setClaim("exp", exp);
        SecurityIdentity identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new OidcJwtCallerPrincipal(claims, new AccessTokenCredential("not-checked-in-tests")))
                .addRole("clinician")
                .build();
        identities.setTestIdentity(identity);
    }

    private void wakeFeed(List<Long> seqs) {
        changed.fire(new AlertChanged(seqs.get(seqs.size() - 1)));
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
                        + " (alert_id, site, kind, alert_json, created_at) select md5(random()::text)::uuid, 'main',"
                        + " 'RAISED',"
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
