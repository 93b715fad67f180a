package clinic.bfrguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The production overlay keeps every service, and the web console the clinic's staff work in, available through a
 * node failure and a node drain.
 */
class ProductionOverlayTests {

    private RenderedOverlay production;

    @BeforeEach
    void render() {
        production = RenderedOverlay.of("production");
    }

    @Test
    void everyServiceAndTheConsoleRunTwoReplicas() {
        for (String service : RenderedOverlay.DEPLOYMENTS) {
            assertThat(production.get("Deployment", service).at("/spec/replicas").asInt()).as(service).isEqualTo(2);
        }
    }

    @Test
    void everyServiceAndTheConsoleHaveADisruptionBudgetThatKeepsOneReplica() {
        for (String service : RenderedOverlay.DEPLOYMENTS) {
            JsonNode podLabels = production.get("Deployment", service).at("/spec/template/metadata/labels");
            JsonNode budget = production.ofKind("PodDisruptionBudget").stream()
                    .filter(pdb -> budgetFor(pdb.at("/spec/selector/matchLabels"), podLabels))
                    .findFirst().orElseThrow(() -> new AssertionError("no PodDisruptionBudget selects " + service));
            assertThat(budget.at("/spec/minAvailable").asInt()).as(service).isGreaterThanOrEqualTo(1)
                    .isLessThan(production.get("Deployment", service).at("/spec/replicas").asInt());
        }
    }

    @Test
    void autoscalersNeverGoBelowTwoReplicas() {
        for (String service : RenderedOverlay.SERVICES) {
            JsonNode autoscaler = production.get("HorizontalPodAutoscaler", service);
            assertThat(autoscaler.at("/spec/minReplicas").asInt()).as(service).isGreaterThanOrEqualTo(2);
            assertThat(autoscaler.at("/spec/maxReplicas").asInt()).as(service)
                    .isGreaterThan(autoscaler.at("/spec/minReplicas").asInt());
        }
    }

    @Test
    void kafkaAndPostgresSurviveTheLossOfOneNode() {
        JsonNode kafka = production.ofKind("Kafka").get(0);
        int minInSync = kafka.at("/spec/kafka/config/min.insync.replicas").asInt();
        assertThat(production.ofKind("KafkaNodePool").get(0).at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(minInSync).isGreaterThanOrEqualTo(2);
        for (JsonNode topic : production.ofKind("KafkaTopic")) {
            assertThat(topic.at("/spec/replicas").asInt()).as(topic.at("/spec/topicName").asText())
                    .isGreaterThan(minInSync);
        }
        assertThat(production.ofKind("Cluster").get(0).at("/spec/instances").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(production.ofKind("Keycloak").get(0).at("/spec/instances").asInt()).isGreaterThanOrEqualTo(2);
    }

    /** A budget that selects every pod of the namespace is no budget for one service in particular. */
    private static boolean budgetFor(JsonNode matchLabels, JsonNode podLabels) {
        return !matchLabels.isMissingNode() && !matchLabels.isEmpty()
                && RenderedOverlay.selects(matchLabels, podLabels);
    }
}
