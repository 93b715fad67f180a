package clinic.bfrguard.deploy;

import clinic.bfrguard.common.events.EventContract;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what on the rendered Kafka cluster: only authenticated clients over TLS, one KafkaUser per service, and
 * each user exactly the ACLs its part of the event contract needs, derived here from the contract and the services'
 * own configuration, so that a topic a service starts to consume, or one it should not write, shows up.
 */
class KafkaAccessTests {

    private static final Pattern INCOMING_TOPIC = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void everyListenerNeedsTlsAndCredentialsAndTheAuthorizerIsOn(String overlay) {
        JsonNode kafka = RenderedOverlay.of(overlay).ofKind("Kafka").get(0);
        assertThat(kafka.at("/spec/kafka/listeners")).isNotEmpty().allSatisfy(listener -> {
            assertThat(listener.path("tls").asBoolean()).as(listener.path("name").asText() + " tls").isTrue();
            assertThat(listener.at("/authentication/type").asText()).as(listener.path("name") + " authentication")
                    .isIn("scram-sha-512", "tls");
        });
        assertThat(kafka.at("/spec/kafka/authorization/type").asText()).isEqualTo("simple");
        assertThat(kafka.at("/spec/kafka/config/allow.everyone.if.no.acl.found").asBoolean(false))
                .as("no ACL means no access").isFalse();
        assertThat(kafka.at("/spec/entityOperator/userOperator").isMissingNode()).as("the User Operator").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void eachServiceHasItsOwnUserWithExactlyTheAclsItsEventsNeed(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        String cluster = rendered.ofKind("Kafka").get(0).at("/metadata/name").asText();
        assertThat(rendered.ofKind("KafkaUser")).extracting(u -> u.at("/metadata/name").asText())
                .containsExactlyInAnyOrderElementsOf(RenderedOverlay.SERVICES);
        for (String service : RenderedOverlay.SERVICES) {
            JsonNode user = rendered.get("KafkaUser", service);
            assertThat(user.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(cluster);
            assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
            assertThat(user.at("/spec/authorization/type").asText()).isEqualTo("simple");
            Set<String> acls = new TreeSet<>();
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                assertThat(acl.at("/resource/patternType").asText("literal")).as(service + " ACL pattern")
                        .isEqualTo("literal");
                String resource = acl.at("/resource/type").asText() + ":" + acl.at("/resource/name").asText();
                acl.path("operations").forEach(operation -> acls.add(resource + " " + operation.asText()));
            }
            assertThat(acls).as(service + "'s ACLs").containsExactlyInAnyOrderElementsOf(expectedAcls(service));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void eachServiceLogsInAsItsOwnUserAndChecksTheBrokersCertificates(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        JsonNode kafka = rendered.ofKind("Kafka").get(0);
        String cluster = kafka.at("/metadata/name").asText();
        String port = kafka.at("/spec/kafka/listeners/0/port").asText();
        for (String service : RenderedOverlay.SERVICES) {
            Map<String, String> environment = rendered.environment(service);
            assertThat(environment.get("KAFKA_BOOTSTRAP_SERVERS")).as(service + " bootstrap")
                    .isEqualTo(cluster + "-kafka-bootstrap:" + port);
            assertThat(environment).as(service).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
            assertThat(secretOf(rendered, service, "KAFKA_SASL_JAAS_CONFIG"))
                    .isEqualTo(service + "/sasl.jaas.config");
            assertThat(secretOf(rendered, service, "KAFKA_SSL_TRUSTSTORE_CERTIFICATES"))
                    .isEqualTo(cluster + "-cluster-ca-cert/ca.crt");
        }
    }

    /**
     * Write on the topic the contract gives the service; for each topic it consumes, Read on it, Write on its
     * dead-letter topic, and Read on the consumer group; Describe wherever it reads or writes.
     */
    private static Set<String> expectedAcls(String service) {
        Set<String> acls = new TreeSet<>();
        for (String topic : ServiceTopics.CONTRACT) {
            if (EventContract.producerOf(topic).filter(service::equals).isPresent()) {
                acls.add("topic:" + topic + " Write");
                acls.add("topic:" + topic + " Describe");
            }
        }
        Properties properties = ServiceTopics.properties(service);
        for (String name : properties.stringPropertyNames()) {
            Matcher incoming = INCOMING_TOPIC.matcher(name);
            if (incoming.matches()) {
                String channel = "mp.messaging.incoming." + incoming.group(1);
                acls.add("topic:" + properties.getProperty(name).trim() + " Read");
                acls.add("topic:" + properties.getProperty(name).trim() + " Describe");
                acls.add("group:" + properties.getProperty(channel + ".group.id").trim() + " Read");
                String deadLetters = properties.getProperty(channel + ".dead-letter-queue.topic");
                assertThat(deadLetters).as(service + " " + channel + " dead-letter topic").isNotNull();
                acls.add("topic:" + deadLetters.trim() + " Write");
                acls.add("topic:" + deadLetters.trim() + " Describe");
            }
        }
        return acls;
    }

    private static String secretOf(RenderedOverlay rendered, String service, String variable) {
        for (JsonNode entry : rendered.container(service).path("env")) {
            if (variable.equals(entry.path("name").asText())) {
                JsonNode ref = entry.at("/valueFrom/secretKeyRef");
                return ref.path("name").asText() + "/" + ref.path("key").asText();
            }
        }
        throw new AssertionError(service + " has no " + variable);
    }
}
