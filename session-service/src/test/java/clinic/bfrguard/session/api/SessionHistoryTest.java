package clinic.bfrguard.session.api;

import clinic.bfrguard.session.domain.Limb;
import clinic.bfrguard.session.support.Patients;
import clinic.bfrguard.testing.ClinicTestResources;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static clinic.bfrguard.testing.TestUsers.at;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code GET /api/patients/{patientId}/sessions}: the patient's sessions at the caller's sites, newest first, with
 * everything logged on them, as JSON and as CSV.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
class SessionHistoryTest {

    private static final List<String> NORTH = List.of("north");
    private static final List<String> SOUTH = List.of("south");
    private static final String CSV = "text/csv";
    private static final String HEADER = String.join(",", SessionHistoryCsv.COLUMNS) + "\r\n";
    private static final String NOTE = "ache behind the knee, \"sharp\" on the last reps\nstopped the set";
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"details\")";

    private static <T> T north(Supplier<T> steps) {
        return at(NORTH, "physio1", "physiotherapist", steps);
    }

    private static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    private static String history(String patient) {
        return "/api/patients/" + patient + "/sessions";
    }

    /** A completed session of the patient: a band (8/10, a deviation), a set, two symptoms, the band released. */
    private static String[] loggedSession(String patient) {
        return north(() -> {
            String session = post("/api/sessions", Map.of("patientId", patient)).statusCode(201)
                    .extract().<String>path("id");
            String band = post("/api/sessions/" + session + "/bands",
                    Map.of("limb", Limb.LEFT_THIGH.name(), "perceivedPressure", 8)).statusCode(201)
                    .extract().<String>path("bandId");
            post("/api/sessions/" + session + "/sets", Map.of("exercise", "LEG_PRESS", "limb", "LEFT_THIGH",
                    "loadPercentOneRm", 30, "reps", 15, "rpe", 7)).statusCode(201);
            post("/api/sessions/" + session + "/symptoms", Map.of("symptom", "PAIN", "note", NOTE)).statusCode(201);
            post("/api/sessions/" + session + "/symptoms", Map.of("symptom", "OTHER", "note", FORMULA))
                    .statusCode(201);
            post("/api/sessions/" + session + "/bands/" + band + "/release", Map.of()).statusCode(200);
            post("/api/sessions/" + session + "/complete", Map.of()).statusCode(200);
            return new String[] {session, band};
        });
    }

    private static String startedSession(String patient) {
        return north(() -> post("/api/sessions", Map.of("patientId", patient)).statusCode(201)
                .extract().<String>path("id"));
    }

    private static ExtractableResponse<Response> csv(String patient) {
        return given().accept(CSV).when().get(history(patient)).then().statusCode(200)
                .contentType(startsWith(CSV)).extract();
    }

    private static List<List<String>> rows(String csv) {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class).readValues(csv)) {
            return rows.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(List<String> row, String column) {
        return row.get(SessionHistoryCsv.COLUMNS.indexOf(column));
    }

    @Test
    void theOwnSiteSeesEverySessionNewestFirstWithEverythingLoggedOnIt() {
        String patient = Patients.clearedAt("north");
        String[] first = loggedSession(patient);
        String second = startedSession(patient);

        north(() -> {
            given().when().get(history(patient)).then().statusCode(200).contentType(ContentType.JSON)
                    .body("id", contains(second, first[0]))
                    .body("status", contains("ACTIVE", "COMPLETED"))
                    .body("site", contains("north", "north"))
                    .body("[0].bands", hasSize(0))
                    .body("[1].bands.bandId", contains(first[1]))
                    .body("[1].bands[0].limb", equalTo("LEFT_THIGH"))
                    .body("[1].bands[0].appliedAt", notNullValue())
                    .body("[1].bands[0].releasedAt", notNullValue())
                    .body("[1].bands[0].wornSeconds", notNullValue())
                    .body("[1].sets.exercise", contains("LEG_PRESS"))
                    .body("[1].sets[0].reps", equalTo(15))
                    .body("[1].symptoms.note", contains(NOTE, FORMULA))
                    .body("[1].deviations.rule", contains("PERCEIVED_PRESSURE"))
                    .body("[1].deviations[0].bandId", equalTo(first[1]));

            Map<String, Object> alone = given().when().get("/api/sessions/" + first[0]).then().statusCode(200)
                    .extract().jsonPath().getMap("$");
            Map<String, Object> inHistory = given().when().get(history(patient)).then()
                    .extract().jsonPath().getMap("[1]");
            assertThat(inHistory).as("the same view as GET /api/sessions/{id}").isEqualTo(alone);

            given().when().get(history(patient) + "?limit=1").then().statusCode(200).body("id", contains(second));
            return given().accept("*/*").when().get(history(patient)).then().statusCode(200)
                    .contentType(ContentType.JSON);
        });
        // a clinician reads it too
        at(NORTH, "clinician1", "clinician", () -> given().when().get(history(patient)).then().statusCode(200)
                .body("id", contains(second, first[0])));
    }

    @Test
    void theCsvHasARowForEachSessionAndEachThingLoggedAndNotesReadBackAsWritten() {
        String patient = Patients.clearedAt("north");
        String[] first = loggedSession(patient);
        String second = startedSession(patient);

        ExtractableResponse<Response> answer = north(() -> csv(patient));
        assertThat(answer.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"" + patient + "-sessions.csv\"");
        String text = answer.asString();
        assertThat(text).startsWith(HEADER);
        List<List<String>> rows = rows(text);

        assertThat(rows.get(0)).isEqualTo(SessionHistoryCsv.COLUMNS);
        assertThat(rows.subList(1, rows.size())).extracting(row -> cell(row, "kind"))
                .containsExactly("session", "session", "band", "deviation", "set", "symptom", "symptom");
        assertThat(rows.subList(1, rows.size())).extracting(row -> cell(row, "sessionId"))
                .containsExactly(second, first[0], first[0], first[0], first[0], first[0], first[0]);
        List<String> band = rows.get(3);
        assertThat(cell(band, "id")).isEqualTo(first[1]);
        assertThat(cell(band, "limb")).isEqualTo("LEFT_THIGH");
        assertThat(cell(band, "endedAt")).isNotEmpty();
        assertThat(cell(band, "wornSeconds")).matches("\\d+");
        assertThat(cell(rows.get(4), "causeId")).isEqualTo(first[1]);
        assertThat(cell(rows.get(4), "rule")).isEqualTo("PERCEIVED_PRESSURE");
        assertThat(cell(rows.get(5), "loadPercentOneRm")).isEqualTo("30");
        assertThat(cell(rows.get(6), "note")).as("comma, quote and line break round-trip").isEqualTo(NOTE);
        assertThat(cell(rows.get(7), "note")).as("a formula is written as text").isEqualTo("'" + FORMULA);
        assertThat(cell(rows.get(2), "sessionStatus")).isEqualTo("COMPLETED");
        assertThat(cell(rows.get(1), "sessionStatus")).isEqualTo("ACTIVE");
    }

    @Test
    void anotherSiteSeesNoSessionOfThePatientNeitherAsJsonNorAsCsv() {
        String patient = Patients.clearedAt("north");
        String[] first = loggedSession(patient);

        at(SOUTH, "physio2", "physiotherapist", () -> {
            given().when().get(history(patient)).then().statusCode(200).body("size()", equalTo(0));
            ExtractableResponse<Response> answer = csv(patient);
            assertThat(answer.asString()).as("the header row alone").isEqualTo(HEADER);
            assertThat(answer.header("Content-Disposition")).contains(patient + "-sessions.csv");
            // a patient never seen answers the same
            String unknown = Patients.fresh();
            given().when().get(history(unknown)).then().statusCode(200).body("size()", equalTo(0));
            assertThat(csv(unknown).asString()).isEqualTo(HEADER);
        });
        at(List.of("north", "south"), "clinician9", "clinician", () -> given().when().get(history(patient))
                .then().statusCode(200).body("id", contains(first[0])));
    }

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void aBadPatientIdOrLimitIsAProblemWhicheverTypeWasAskedFor() {
        for (String type : List.of("application/json", CSV)) {
            given().accept(type).when().get(history("bad id!")).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("patientId"));
            given().accept(type).when().get(history("p".repeat(65))).then().statusCode(400)
                    .contentType("application/problem+json");
            given().accept(type).when().get(history(Patients.fresh()) + "?limit=0").then().statusCode(400)
                    .contentType("application/problem+json");
            given().accept(type).when().get(history(Patients.fresh()) + "?limit=501").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().accept("application/xml").when().get(history(Patients.fresh())).then().statusCode(406)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void clinicAdminMayNotReadTheHistory() {
        for (String type : List.of("application/json", CSV)) {
            given().accept(type).when().get(history(Patients.fresh())).then().statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void withoutATokenTheHistoryIsRefused() {
        given().accept(CSV).when().get(history(Patients.fresh())).then().statusCode(401)
                .contentType("application/problem+json");
    }
}
