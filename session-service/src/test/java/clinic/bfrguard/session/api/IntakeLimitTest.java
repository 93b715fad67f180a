package clinic.bfrguard.session.api;

import clinic.bfrguard.common.concurrent.WriteLimit;
import clinic.bfrguard.session.support.Patients;
import clinic.bfrguard.testing.ClinicTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * At most {@code clinic.intake.max-concurrent-writes} (4) session changes at once; one that finds no place within
 * {@code clinic.intake.max-wait} (1 s in tests) is answered 503 with {@code Retry-After} and changes nothing. Symptom
 * reports and band releases never wait for a place. The tests take places in the service's own limit, as changes in
 * progress would.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
@TestSecurity(user = "physio1", roles = "physiotherapist")
class IntakeLimitTest {

    @Inject
    WriteLimit limit;

    private static ValidatableResponse logSet(String session) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("exercise", "LEG_PRESS", "limb", "LEFT_THIGH", "loadPercentOneRm", 30, "reps", 15))
                .when().post("/api/sessions/" + session + "/sets").then();
    }

    @Test
    void aChangeBeyondTheLimitWaitsAndIsRefusedWhenNoPlaceFreesInTime() throws Exception {
        String session = given().contentType(ContentType.JSON).body(Map.of("patientId", Patients.cleared()))
                .when().post("/api/sessions").then().statusCode(201).extract().path("id");
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService changes = Executors.newFixedThreadPool(4);
        try {
            hold(changes, 3, release);
            logSet(session).statusCode(201).body("setNumber", equalTo(1));

            hold(changes, 1, release);
            long started = System.nanoTime();
            logSet(session).statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                    .body("detail", containsString("too many changes at once"));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("waited for a place first")
                    .isGreaterThanOrEqualTo(900);
            given().when().get("/api/sessions/" + session).then().statusCode(200)
                    .body("sets.size()", equalTo(1));

            release.countDown();
            logSet(session).statusCode(201).body("setNumber", equalTo(2));
        } finally {
            release.countDown();
            changes.shutdown();
            assertThat(changes.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void symptomReportsAndBandReleasesGoFirstWhileOtherChangesWaitAndAreRefused() throws Exception {
        String session = given().contentType(ContentType.JSON).body(Map.of("patientId", Patients.cleared()))
                .when().post("/api/sessions").then().statusCode(201).extract().path("id");
        String band = given().contentType(ContentType.JSON)
                .body(Map.of("limb", "LEFT_THIGH", "perceivedPressure", 6))
                .when().post("/api/sessions/" + session + "/bands").then().statusCode(201).extract().path("bandId");
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService changes = Executors.newFixedThreadPool(4);
        ExecutorService waiting = Executors.newFixedThreadPool(4);
        try {
            hold(changes, 4, release);
            List<Future<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                queued.add(waiting.submit(() -> logSet(session).extract().statusCode()));
            }
            // every place stays taken until the end: a safety write answered 201 never waited for one
            Thread.sleep(100);
            given().contentType(ContentType.JSON).body(Map.of("symptom", "NUMBNESS"))
                    .when().post("/api/sessions/" + session + "/symptoms").then().statusCode(201)
                    .body("symptom", equalTo("NUMBNESS"));
            given().when().post("/api/sessions/" + session + "/bands/" + band + "/release").then().statusCode(200);

            for (Future<Integer> set : queued) {
                assertThat(set.get(10, TimeUnit.SECONDS)).as("a set that found no place").isEqualTo(503);
            }
            given().when().get("/api/sessions/" + session).then().statusCode(200)
                    .body("symptoms.size()", equalTo(1)).body("bands[0].releasedAt", notNullValue())
                    .body("sets.size()", equalTo(0));
        } finally {
            release.countDown();
            changes.shutdown();
            waiting.shutdown();
            assertThat(changes.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            assertThat(waiting.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Takes {@code places} places in the limit until {@code release}. */
    private void hold(ExecutorService changes, int places, CountDownLatch release) throws InterruptedException {
        CountDownLatch taken = new CountDownLatch(places);
        for (int i = 0; i < places; i++) {
            changes.submit(() -> limit.call(() -> {
                taken.countDown();
                return release.await(30, TimeUnit.SECONDS);
            }));
        }
        assertThat(taken.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
