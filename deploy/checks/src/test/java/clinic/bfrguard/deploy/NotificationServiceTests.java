package clinic.bfrguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The notification-service is the one service that connects out of the cluster (the clinic's SMTP relay, webhook
 * receivers whose addresses come in through its API): its outgoing connections are limited to what it needs, its
 * mail leaves encrypted, its webhooks are https and signed with a key from a Secret, and its links lead to the web
 * console clinicians open.
 */
class NotificationServiceTests {

    private static final String SERVICE = "notification-service";

    /** The private and otherwise internal IPv4 ranges a webhook must never reach. */
    private static final List<String> INTERNAL_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "169.254.0.0/16");

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void itConnectsOnlyToItsDependenciesTheSmtpRelayAndPublicHttps(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        JsonNode podLabels = rendered.get("Deployment", SERVICE).at("/spec/template/metadata/labels");
        List<JsonNode> policies = rendered.ofKind("NetworkPolicy").stream()
                .filter(p -> RenderedOverlay.selects(p.at("/spec/podSelector/matchLabels"), podLabels))
                .filter(p -> texts(p.at("/spec/policyTypes")).contains("Egress"))
                .toList();
        assertThat(policies).as("egress policies selecting " + SERVICE).hasSize(1);

        Map<String, String> env = rendered.environment(SERVICE);
        String cluster = rendered.ofKind("Cluster").get(0).at("/metadata/name").asText();
        String kafka = rendered.ofKind("Kafka").get(0).at("/metadata/name").asText();
        JsonNode keycloak = rendered.ofKind("Keycloak").get(0);
        // the Keycloak pods as PostgreSQL's policy admits them: the labels its operator puts on them
        List<String> keycloakPods = KubernetesOverlaysTests.peers(rendered.get("NetworkPolicy", "postgres-from-clients")
                .at("/spec/ingress").findValues("from")).stream()
                .filter(peer -> peer.contains("keycloak-operator")).toList();
        assertThat(keycloakPods).singleElement().asString()
                .contains("app.kubernetes.io/instance=" + keycloak.at("/metadata/name").asText());

        Map<String, String> expected = new TreeMap<>(Map.of(
                "namespace{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns}", "53/TCP, 53/UDP",
                "pods{cnpg.io/cluster=" + cluster + "}", port(env.get("DATABASE_HOST")) + "/TCP",
                "pods{strimzi.io/broker-role=true, strimzi.io/cluster=" + kafka + "}",
                port(env.get("KAFKA_BOOTSTRAP_SERVERS")) + "/TCP",
                keycloakPods.get(0), URI.create(env.get("QUARKUS_OIDC_AUTH_SERVER_URL")).getPort() + "/TCP",
                "ipBlock 0.0.0.0/0", env.get("QUARKUS_MAILER_PORT") + "/TCP",
                "ipBlock 0.0.0.0/0 except " + List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                        "169.254.0.0/16", "100.64.0.0/10"), "443/TCP"));
        assertThat(egress(policies.get(0))).as(SERVICE + " may connect to").isEqualTo(expected);

        JsonNode listener = rendered.ofKind("Kafka").get(0).at("/spec/kafka/listeners/0");
        assertThat(listener.path("port").asText()).as("the Kafka listener's port")
                .isEqualTo(port(env.get("KAFKA_BOOTSTRAP_SERVERS")));
        JsonNode webhooks = policies.get(0).at("/spec/egress").findValues("ipBlock").stream()
                .filter(block -> block.has("except")).findFirst().orElseThrow();
        assertThat(texts(webhooks.path("except"))).as("addresses no webhook reaches").containsAll(INTERNAL_RANGES);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void mailLeavesEncryptedWebhooksAreHttpsAndLinksLeadToTheConsole(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Map<String, String> env = rendered.environment(SERVICE);
        assertThat(env.get("QUARKUS_MAILER_START_TLS")).as("STARTTLS to the relay").isEqualTo("REQUIRED");
        assertThat(env.get("QUARKUS_MAILER_HOST")).as("the SMTP relay").isNotBlank().isNotEqualTo("localhost");
        assertThat(env.getOrDefault("CLINIC_NOTIFY_WEBHOOK_ALLOW_HTTP", "false")).as("plain-http webhooks")
                .isEqualTo("false");

        String host = KubernetesOverlaysTests.consoleHost(rendered);
        URI console = URI.create(env.get("CLINIC_NOTIFY_CONSOLE_URL"));
        assertThat(console.toString().replaceAll("/$", "")).as("CLINIC_NOTIFY_CONSOLE_URL")
                .isEqualTo("https://" + host);
        assertThat(rendered.routedService(host, "/alerts.html")).as("a notification's link to the alert")
                .contains(RenderedOverlay.CONSOLE);
        rendered.configMap("notification-service-config").path("data").fieldNames().forEachRemaining(name -> {
            if (name.startsWith("CLINIC_")) {
                assertThat(ServiceConfiguration.reads(SERVICE, name)).as(SERVICE + " reads " + name).isTrue();
            }
        });

        Map<String, String> fromSecrets = new TreeMap<>();
        for (JsonNode variable : rendered.container(SERVICE).path("env")) {
            JsonNode secret = variable.at("/valueFrom/secretKeyRef");
            if (!secret.isMissingNode() && !secret.path("optional").asBoolean(false)) {
                fromSecrets.put(variable.path("name").asText(),
                        secret.path("name").asText() + "/" + secret.path("key").asText());
            }
        }
        assertThat(fromSecrets).as("required values from Secrets").containsAllEntriesOf(Map.of(
                "CLINIC_NOTIFY_WEBHOOK_SIGNING_KEY", "bfr-guard-notify-webhook/signing-key",
                "CLINIC_NOTIFY_PUSH_PUBLIC_KEY", "bfr-guard-notify-push/public-key",
                "CLINIC_NOTIFY_PUSH_PRIVATE_KEY", "bfr-guard-notify-push/private-key",
                "QUARKUS_MAILER_USERNAME", "bfr-guard-smtp/username",
                "QUARKUS_MAILER_PASSWORD", "bfr-guard-smtp/password",
                "QUARKUS_DATASOURCE_PASSWORD", "bfr-guard-db-notification/password"));
    }

    /** Each egress rule as its destination, described, and the ports it opens there ("5432/TCP"). */
    private static Map<String, String> egress(JsonNode policy) {
        Map<String, String> rules = new TreeMap<>();
        for (JsonNode rule : policy.at("/spec/egress")) {
            List<String> ports = new ArrayList<>();
            rule.path("ports").forEach(p -> ports.add(p.path("port").asText() + "/" + p.path("protocol").asText("TCP")));
            ports.sort(null);
            assertThat(ports).as("an egress rule without ports opens every port").isNotEmpty();
            assertThat(rule.path("to").size()).as("an egress rule without destinations opens every address")
                    .isPositive();
            for (JsonNode peer : rule.path("to")) {
                String described;
                if (peer.has("ipBlock")) {
                    described = "ipBlock " + peer.at("/ipBlock/cidr").asText()
                            + (peer.at("/ipBlock/except").isArray() ? " except " + texts(peer.at("/ipBlock/except")) : "");
                } else {
                    described = KubernetesOverlaysTests.peers(List.of(rule.path("to"))).get(0);
                    assertThat(rule.path("to").size()).as(described + " shares its rule").isEqualTo(1);
                }
                rules.merge(described, String.join(", ", ports), (a, b) -> a + ", " + b);
            }
        }
        return rules;
    }

    /** The port of {@code host:port}. */
    private static String port(String hostAndPort) {
        return hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
