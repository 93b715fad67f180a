package clinic.bfrguard.session.domain;

import clinic.bfrguard.session.support.Patients;
import clinic.bfrguard.session.support.SessionEventsOnTopic;
import clinic.bfrguard.testing.ClinicTestResources;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The band timer on the real topic, with the test policy max-continuous=PT3S and warn-before=PT1S: nobody calls the
 * API after applying the band, the service raises the warning and the overrun itself, once each.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
@TestSecurity(user = "physio1", roles = "physiotherapist")
class BandTimerTest {

    private static final Duration LATE_AT_MOST = Duration.ofSeconds(1);

    @Inject
    BandTimer timer;

    @Inject
    BandAlarms alarms;

    @Inject
    EntityManager em;

    private static String start(String patientId) {
        return given().contentType(ContentType.JSON).body(Map.of("patientId", patientId))
                .when().post("/api/sessions").then().statusCode(201).extract().path("id");
    }

    private static Response applyBand(String session, Limb limb) {
        Response band = given().contentType(ContentType.JSON).body(Map.of("limb", limb.name(), "perceivedPressure", 6))
                .when().post("/api/sessions/" + session + "/bands");
        band.then().statusCode(201);
        return band;
    }

    private static Duration between(JsonNode data, String from, String to) {
        return Duration.between(Instant.parse(data.get(from).asText()), Instant.parse(data.get(to).asText()));
    }

    @Test
    void aBandLeftOnIsWarnedAboutAndOverrunsOnceEach() {
        String patient = Patients.cleared();
        String session = start(patient);
        Response band = applyBand(session, Limb.LEFT_THIGH);
        assertThat(Duration.between(Instant.parse(band.path("appliedAt")), Instant.parse(band.path("warnAt"))))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(Duration.between(Instant.parse(band.path("appliedAt")), Instant.parse(band.path("deadline"))))
                .isEqualTo(Duration.ofSeconds(3));

        List<JsonNode> events = SessionEventsOnTopic.of(patient, 4, Duration.ofSeconds(20), Duration.ofSeconds(3));
        assertThat(SessionEventsOnTopic.types(events))
                .containsExactly("SessionStarted", "BandApplied", "BandTimeWarning", "BandTimeOverrun");

        JsonNode warning = events.get(2).get("data");
        assertThat(warning.get("bandId").asText()).isEqualTo(band.path("bandId").toString());
        assertThat(warning.get("sessionId").asText()).isEqualTo(session);
        assertThat(warning.get("limb").asText()).isEqualTo("LEFT_THIGH");
        assertThat(warning.get("deadline").asText()).isEqualTo(band.path("deadline").toString());
        assertThat(between(warning, "warnAt", "raisedAt")).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(LATE_AT_MOST);

        JsonNode overrun = events.get(3).get("data");
        assertThat(overrun.get("bandId").asText()).isEqualTo(band.path("bandId").toString());
        assertThat(overrun.get("limitSeconds").asLong()).isEqualTo(3);
        assertThat(between(overrun, "deadline", "raisedAt")).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(LATE_AT_MOST);

        given().when().get("/api/sessions/" + session).then().statusCode(200);
        Band stored = QuarkusTransaction.requiringNew().call(() -> Band.findById(UUID.fromString(band.path("bandId"))));
        assertThat(stored.warningRaisedAt).isNotNull();
        assertThat(stored.overrunRaisedAt).isNotNull();
    }

    @Test
    void aBandReleasedInTimeRaisesNothing() {
        String patient = Patients.cleared();
        String session = start(patient);
        String band = applyBand(session, Limb.RIGHT_ARM).path("bandId");
        given().contentType(ContentType.JSON).when().post("/api/sessions/" + session + "/bands/" + band + "/release")
                .then().statusCode(200);

        List<JsonNode> events = SessionEventsOnTopic.of(patient, 3, Duration.ofSeconds(20), Duration.ofSeconds(5));
        assertThat(SessionEventsOnTopic.types(events)).containsExactly("SessionStarted", "BandApplied", "BandReleased");
    }

    @Test
    void aBandOverdueWhileTheServiceWasDownIsRaisedOnceRightAfterStart() throws InterruptedException {
        String patient = Patients.cleared();
        String session = start(patient);
        Instant now = Instant.now();
        UUID bandId = QuarkusTransaction.requiringNew().call(() -> insertBand(UUID.fromString(session), patient,
                Limb.LEFT_ARM, now.minusSeconds(600), now.minusSeconds(300)));

        long queued = timer.resume();
        Instant resumed = Instant.now();
        assertThat(queued).isPositive();

        List<JsonNode> events = SessionEventsOnTopic.of(patient, 2, Duration.ofSeconds(20), Duration.ofSeconds(3));
        // The warning is not raised after its band's deadline: the overrun supersedes it.
        assertThat(SessionEventsOnTopic.types(events)).containsExactly("SessionStarted", "BandTimeOverrun");
        JsonNode overrun = events.get(1).get("data");
        assertThat(overrun.get("bandId").asText()).isEqualTo(bandId.toString());
        assertThat(Duration.between(resumed, Instant.parse(overrun.get("raisedAt").asText())))
                .isLessThan(LATE_AT_MOST);

        // A second start (another restart, or a second replica coming up) finds nothing more to raise for it.
        timer.resume();
        Thread.sleep(1_500);
        assertThat(outboxEventsFor("BandTimeOverrun", bandId)).isEqualTo(1);
    }

    @Test
    void manyRaisersRaiseEachOverrunExactlyOnce() throws Exception {
        Instant now = Instant.now();
        // All in one transaction, so that no raiser sees some of them before the others are in.
        List<UUID> bands = QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Session session = new Session();
                session.id = UUID.randomUUID();
                session.patientId = Patients.fresh();
                session.site = "main";
                session.physiotherapist = "physio1";
                session.status = SessionStatus.ACTIVE;
                session.startedAt = now.minusSeconds(120);
                session.persist();
                ids.add(insertBand(session.id, session.patientId, Limb.RIGHT_THIGH, now.minusSeconds(100),
                        now.minusSeconds(60)));
            }
            return ids;
        });
        // Four raisers at once, as two replicas' timers and sweeps would be, besides this service's own.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<BandAlarms.Raised>> raisers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                raisers.add(alarms::raiseDue);
            }
            for (Future<BandAlarms.Raised> raised : pool.invokeAll(raisers)) {
                raised.get();
            }
        } finally {
            pool.shutdown();
        }
        // The service's own timer and sweep take part too; a band one of them holds is skipped by the raisers
        // above, so wait until its transaction has committed as well, and past one more sweep for any duplicate.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (bands.stream().anyMatch(band -> outboxEventsFor("BandTimeOverrun", band) == 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1500);
        for (UUID band : bands) {
            assertThat(outboxEventsFor("BandTimeOverrun", band)).as("overruns of band %s", band).isEqualTo(1);
            assertThat(outboxEventsFor("BandTimeWarning", band)).as("warnings of band %s", band).isZero();
        }
    }

    private UUID insertBand(UUID sessionId, String patientId, Limb limb, Instant appliedAt, Instant deadline) {
        Band band = new Band();
        band.id = UUID.randomUUID();
        band.sessionId = sessionId;
        band.patientId = patientId;
        band.site = "main";
        band.limb = limb;
        band.perceivedPressure = 6;
        band.appliedBy = "physio1";
        band.appliedAt = appliedAt;
        band.warnAt = deadline.minusSeconds(1);
        band.deadline = deadline;
        band.limitSeconds = Duration.between(appliedAt, deadline).toSeconds();
        band.persist();
        return band.id;
    }

    private long outboxEventsFor(String type, UUID bandId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from outbox_event where type = :type and payload like :band")
                .setParameter("type", type).setParameter("band", "%\"bandId\":\"" + bandId + "\"%")
                .getSingleResult()).longValue());
    }
}
