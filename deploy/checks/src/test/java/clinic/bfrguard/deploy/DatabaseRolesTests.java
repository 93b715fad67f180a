package clinic.bfrguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service's database belongs to a role of its own ({@code <db>_owner}) that runs the migrations, while the
 * service runs as a role ({@code <db>}) that owns nothing, so that it cannot drop a table, disable the audit
 * trail's triggers or rewrite the trail (its grants come from the migrations).
 */
class DatabaseRolesTests {

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void theServiceRunsAsARoleThatOwnsNothingAndMigratesAsTheOwner(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        JsonNode cluster = rendered.ofKind("Cluster").get(0);
        Map<String, String> owners = new HashMap<>();
        owners.put(cluster.at("/spec/bootstrap/initdb/database").asText(),
                cluster.at("/spec/bootstrap/initdb/owner").asText());
        for (JsonNode database : rendered.ofKind("Database")) {
            owners.put(database.at("/spec/name").asText(), database.at("/spec/owner").asText());
        }
        Map<String, String> roleSecrets = new HashMap<>();
        roleSecrets.put(cluster.at("/spec/bootstrap/initdb/owner").asText(),
                cluster.at("/spec/bootstrap/initdb/secret/name").asText());
        for (JsonNode role : cluster.at("/spec/managed/roles")) {
            assertThat(role.path("superuser").asBoolean(false)).as(role.path("name") + " is no superuser").isFalse();
            roleSecrets.put(role.path("name").asText(), role.at("/passwordSecret/name").asText());
        }

        for (String service : RenderedOverlay.SERVICES) {
            String database = service.substring(0, service.indexOf('-'));
            assertThat(owners).as("the owner of " + database).containsEntry(database, database + "_owner");
            assertThat(roleSecrets).as("login roles").containsEntry(database, "bfr-guard-db-" + database)
                    .containsEntry(database + "_owner", "bfr-guard-db-" + database + "-owner");
            assertThat(owners.values()).as(database + ", the service's role, owns no database")
                    .doesNotContain(database);

            Map<String, String> fromSecrets = secretReferences(rendered.container(service));
            assertThat(fromSecrets).as(service + " credentials").containsAllEntriesOf(Map.of(
                    "QUARKUS_DATASOURCE_USERNAME", "bfr-guard-db-" + database + "/username",
                    "QUARKUS_DATASOURCE_PASSWORD", "bfr-guard-db-" + database + "/password",
                    "QUARKUS_FLYWAY_USERNAME", "bfr-guard-db-" + database + "-owner/username",
                    "QUARKUS_FLYWAY_PASSWORD", "bfr-guard-db-" + database + "-owner/password"));
        }
    }

    private static Map<String, String> secretReferences(JsonNode container) {
        Map<String, String> references = new HashMap<>();
        for (JsonNode variable : container.path("env")) {
            JsonNode secret = variable.at("/valueFrom/secretKeyRef");
            if (!secret.isMissingNode()) {
                references.put(variable.path("name").asText(),
                        secret.path("name").asText() + "/" + secret.path("key").asText());
            }
        }
        return references;
    }
}
