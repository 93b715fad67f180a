package clinic.bfrguard.e2e.load;

import clinic.bfrguard.e2e.E2EStack;
import clinic.bfrguard.e2e.Tokens;
import clinic.bfrguard.stack.StackSettings;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** What the load run must leave behind: every alert the sessions deserve exactly once, and no other. */
final class LoadChecks {

    private final HttpClient http;

    LoadChecks(HttpClient http) {
        this.http = http;
    }

    /** The figures are for commits that survive a power cut, as in production. */
    static void assertDurableCommits(StackSettings settings) {
        assertThat(List.of(PostgresCounters.setting(settings, "fsync"),
                PostgresCounters.setting(settings, "synchronous_commit")))
                .as("PostgreSQL's fsync and synchronous_commit").containsExactly("on", "on");
    }

    /** Every alert of the run's patients, by dedup key; a key seen twice is kept apart so the check shows it. */
    Map<String, JsonNode> alertsOf(List<String> patients) throws Exception {
        Map<String, JsonNode> alerts = new HashMap<>();
        for (String patient : patients) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(E2EStack.url("alert-service")
                                    + "/api/alerts?limit=500&patientId=" + URLEncoder.encode(patient,
                                    StandardCharsets.UTF_8)))
                            .timeout(LoadGenerator.CALL_TIMEOUT)
                            .header("Authorization", "Bearer " + Tokens.of("clinician1"))
                            .header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("alert list: %s", response.body()).isEqualTo(200);
            JsonNode list = Json.parse(response.body());
            assertThat(list.size()).as("alerts of one patient (more than one page: raise bfr.load.patients-per-user)")
                    .isLessThan(500);
            for (JsonNode alert : list) {
                String key = alert.path("dedupKey").asText();
                String unique = key;
                for (int n = 2; alerts.containsKey(unique); n++) {
                    unique = key + " (copy " + n + ")";
                }
                alerts.put(unique, alert);
            }
        }
        return alerts;
    }

    /**
     * No call failed, the capacity phase completed sessions, the alert API holds exactly the expected alerts, and
     * each has counted as many occurrences as it had causes.
     */
    static void assertEveryAlertExactlyOnce(LoadGenerator generator, Phase capacity, Map<String, JsonNode> actual) {
        assertThat(generator.failures()).as("API calls that failed during the load run: %s",
                generator.failureSamples()).isEmpty();
        assertThat(capacity.sessions.get()).as("sessions completed").isPositive();
        assertThat(actual.keySet()).as("alerts (by cause) in the alert API").containsExactlyInAnyOrderElementsOf(
                generator.expected().keySet());
        Map<String, Integer> occurrences = new TreeMap<>();
        Map<String, Integer> wanted = new TreeMap<>();
        actual.forEach((key, alert) -> occurrences.put(key, alert.path("occurrences").asInt()));
        generator.expected().forEach((key, e) -> wanted.put(key, e.causes().size()));
        assertThat(occurrences).as("occurrences of each alert").isEqualTo(wanted);
    }
}
