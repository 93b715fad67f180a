package clinic.bfrguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What every Kustomize overlay must render, checked on the output of {@code kubectl kustomize} without a cluster:
 * safe, observable Deployments; every topic the services use; no secret values; network access as intended; a web
 * console that reaches the APIs and Keycloak from the browser.
 */
class KubernetesOverlaysTests {

    /** The realm's client the pages log in with (ConsoleConfig's default client id). */
    private static final String CONSOLE_CLIENT = "clinic-web";

    /** The session history, /api/patients/{patientId}/sessions: the one API path told apart by its last segment. */
    private static final String SESSION_HISTORY = "/api/patients/[^/]+/sessions$";

    private static final String INGRESS_CONTROLLER =
            "namespace{kubernetes.io/metadata.name=ingress-nginx} pods{app.kubernetes.io/name=ingress-nginx}";

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void everyDeploymentHasItsServiceAndEveryApiItsAutoscaler(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        assertThat(rendered.ofKind("Deployment")).extracting(d -> d.at("/metadata/name").asText())
                .containsExactlyInAnyOrderElementsOf(RenderedOverlay.DEPLOYMENTS);
        for (String deployment : RenderedOverlay.DEPLOYMENTS) {
            JsonNode service = rendered.get("Service", deployment);
            assertThat(service.at("/spec/ports/0/targetPort").asText()).as(deployment + " Service target")
                    .isEqualTo("http");
            assertThat(RenderedOverlay.selects(service.at("/spec/selector"),
                    rendered.get("Deployment", deployment).at("/spec/template/metadata/labels")))
                    .as(deployment + " Service selects its pods").isTrue();
        }
        // Static pages need no autoscaler: the console runs a fixed number of replicas.
        for (String service : RenderedOverlay.SERVICES) {
            JsonNode autoscaler = rendered.get("HorizontalPodAutoscaler", service);
            assertThat(autoscaler.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
            assertThat(autoscaler.at("/spec/scaleTargetRef/name").asText()).isEqualTo(service);
            int maxReplicas = autoscaler.at("/spec/maxReplicas").asInt();
            Map<String, JsonNode> topics = topicsByName(rendered);
            ServiceTopics.consumersPerReplica(service).forEach((topic, consumers) -> assertThat(
                    maxReplicas * consumers).as(service + ": " + maxReplicas + " replicas x " + consumers
                            + " consumers of " + topic + " would leave consumers idle")
                    .isLessThanOrEqualTo(topics.get(topic).at("/spec/partitions").asInt()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void everyDeploymentHasTheThreeHealthProbesOnItsHttpPort(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        SoftAssertions softly = new SoftAssertions();
        for (String service : RenderedOverlay.DEPLOYMENTS) {
            JsonNode container = rendered.container(service);
            Map<String, String> probes = Map.of("startupProbe", "/q/health/started", "livenessProbe",
                    "/q/health/live", "readinessProbe", "/q/health/ready");
            probes.forEach((probe, path) -> {
                softly.assertThat(container.at("/" + probe + "/httpGet/path").asText()).as(service + " " + probe)
                        .isEqualTo(path);
                softly.assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(service + " " + probe + " port")
                        .isEqualTo("http");
            });
            softly.assertThat(container.at("/ports/0/name").asText()).as(service + " port name").isEqualTo("http");
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void everyDeploymentHasResourceRequestsAndLimits(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        SoftAssertions softly = new SoftAssertions();
        for (String service : RenderedOverlay.DEPLOYMENTS) {
            JsonNode resources = rendered.container(service).path("resources");
            for (String field : List.of("/requests/cpu", "/requests/memory", "/limits/cpu", "/limits/memory")) {
                softly.assertThat(resources.at(field).asText()).as(service + " resources" + field).isNotBlank();
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void theAlertPathRequestsMoreCpuThanTheIntakeServices(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        // the alert-service raises the alerts, the notification-service pages the person on call
        for (String alertPath : List.of("alert-service", "notification-service")) {
            double alert = millicores(rendered.container(alertPath).at("/resources/requests/cpu").asText());
            for (String intake : List.of("screening-service", "session-service")) {
                assertThat(millicores(rendered.container(intake).at("/resources/requests/cpu").asText()))
                        .as(intake + " CPU request below the " + alertPath + "'s").isLessThan(alert);
            }
        }
    }

    /** A Kubernetes CPU quantity ("250m", "1", "0.5") in millicores. */
    private static double millicores(String quantity) {
        return quantity.endsWith("m")
                ? Double.parseDouble(quantity.substring(0, quantity.length() - 1))
                : Double.parseDouble(quantity) * 1000;
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void everyDeploymentRunsAsNonRootOnAReadOnlyRootWithAWritableTmp(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        SoftAssertions softly = new SoftAssertions();
        for (String service : RenderedOverlay.DEPLOYMENTS) {
            JsonNode pod = rendered.get("Deployment", service).at("/spec/template/spec");
            JsonNode container = rendered.container(service);
            JsonNode security = container.path("securityContext");
            softly.assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()
                    || security.path("runAsNonRoot").asBoolean()).as(service + " runAsNonRoot").isTrue();
            softly.assertThat(pod.at("/securityContext/runAsUser").asInt(-1)).as(service + " runAsUser")
                    .isNotZero();
            softly.assertThat(pod.at("/securityContext/seccompProfile/type").asText())
                    .as(service + " seccomp profile").isEqualTo("RuntimeDefault");
            softly.assertThat(pod.path("automountServiceAccountToken").asBoolean(true))
                    .as(service + " mounts a service account token").isFalse();
            softly.assertThat(security.path("readOnlyRootFilesystem").asBoolean())
                    .as(service + " readOnlyRootFilesystem").isTrue();
            softly.assertThat(security.path("allowPrivilegeEscalation").asBoolean(true))
                    .as(service + " allowPrivilegeEscalation").isFalse();
            softly.assertThat(texts(security.at("/capabilities/drop"))).as(service + " dropped capabilities")
                    .contains("ALL");

            String tmpVolume = StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                    .filter(m -> "/tmp".equals(m.path("mountPath").asText()))
                    .map(m -> m.path("name").asText()).findFirst().orElse(null);
            softly.assertThat(tmpVolume).as(service + " mounts a volume on /tmp").isNotNull();
            softly.assertThat(StreamSupport.stream(pod.path("volumes").spliterator(), false)
                    .filter(v -> v.path("name").asText().equals(tmpVolume)).anyMatch(v -> v.has("emptyDir")))
                    .as(service + " /tmp is an emptyDir").isTrue();
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void imagesArePinnedToARelease(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (JsonNode deployment : rendered.ofKind("Deployment")) {
            for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
                String image = container.path("image").asText();
                String lastSegment = image.substring(image.lastIndexOf('/') + 1);
                assertThat(lastSegment).as(image + " names a tag or digest").containsAnyOf(":", "@");
                if (!lastSegment.contains("@")) {
                    assertThat(lastSegment.substring(lastSegment.indexOf(':') + 1)).as(image + " tag")
                            .isNotBlank().isNotEqualToIgnoringCase("latest");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void everyTopicTheServicesUseIsAKafkaTopicOfTheCluster(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        assertThat(ServiceTopics.CONTRACT).as("the topics in application.properties are the event contract's")
                .containsAll(ServiceTopics.configured());
        String cluster = rendered.ofKind("Kafka").get(0).at("/metadata/name").asText();
        Map<String, JsonNode> topics = topicsByName(rendered);
        assertThat(topics.keySet()).containsAll(ServiceTopics.all());
        topics.forEach((name, topic) -> {
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).as(name + " cluster")
                    .isEqualTo(cluster);
            assertThat(topic.at("/spec/partitions").asInt()).as(name + " partitions").isPositive();
            assertThat(topic.at("/spec/config/retention.ms").asText()).as(name + " retention").isNotBlank();
        });
        long screeningRetentionDays = Long.parseLong(topics.get("screening-events").at("/spec/config/retention.ms")
                .asText()) / 86_400_000L;
        assertThat(screeningRetentionDays).as("screening-events must outlive a screening's validity (90 days)"
                + " so the eligibility view can be replayed").isGreaterThan(90);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void kafkaRunsInKraftModeThroughANodePool(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        assertThat(rendered.ofKind("Kafka")).hasSize(1);
        JsonNode kafka = rendered.ofKind("Kafka").get(0);
        assertThat(kafka.path("apiVersion").asText()).as("the API that Strimzi 1.x serves").isEqualTo("kafka.strimzi.io/v1");
        assertThat(kafka.at("/spec/zookeeper").isMissingNode()).isTrue();
        assertThat(rendered.ofKind("KafkaNodePool")).singleElement().satisfies(pool -> {
            assertThat(pool.at("/metadata/labels/strimzi.io~1cluster").asText())
                    .isEqualTo(kafka.at("/metadata/name").asText());
            assertThat(texts(pool.at("/spec/roles"))).contains("controller", "broker");
        });
        int nodes = rendered.ofKind("KafkaNodePool").get(0).at("/spec/replicas").asInt();
        for (JsonNode topic : rendered.ofKind("KafkaTopic")) {
            assertThat(topic.at("/spec/replicas").asInt()).as(topic.at("/spec/topicName") + " replicas")
                    .isBetween(1, nodes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void noSecretValueIsCommitted(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (JsonNode secret : rendered.ofKind("Secret")) {
            assertThat(secret.path("data").size() + secret.path("stringData").size())
                    .as("Secret " + secret.at("/metadata/name").asText() + " carries values").isZero();
        }
        for (String service : RenderedOverlay.DEPLOYMENTS) {
            for (JsonNode variable : rendered.container(service).path("env")) {
                String name = variable.path("name").asText();
                if (secretName(name)) {
                    assertThat(variable.at("/valueFrom/secretKeyRef/name").asText())
                            .as(service + " " + name + " comes from a Secret").isNotBlank();
                    assertThat(variable.has("value")).as(service + " " + name + " has a literal value").isFalse();
                }
            }
        }
        for (JsonNode configMap : rendered.ofKind("ConfigMap")) {
            List<String> keys = new ArrayList<>();
            configMap.path("data").fieldNames().forEachRemaining(keys::add);
            assertThat(keys)
                    .as("ConfigMap " + configMap.at("/metadata/name").asText())
                    .noneMatch(KubernetesOverlaysTests::secretName);
        }
    }

    /** A variable that holds a credential: a password, a client secret, a signing key. */
    private static boolean secretName(String name) {
        return name.contains("PASSWORD") || name.contains("SECRET") || name.endsWith("_KEY");
    }

    /**
     * Outside the dev and test profiles no service has a credential of its own (a database password, a signing
     * key): one that nothing set would be a default everyone knows, so it comes from the deployment or not at all.
     */
    @Test
    void noServiceCarriesACredentialOfItsOwn() {
        for (String service : RenderedOverlay.DEPLOYMENTS) {
            assertThat(ServiceConfiguration.defaults(service).keySet())
                    .as(service + "'s values when its environment sets nothing")
                    .noneMatch(KubernetesOverlaysTests::secretName);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void everySecretTheManifestsReferenceIsDocumentedForClinicIt(String overlay) throws Exception {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        String readme = Files.readString(Repository.file("deploy/README.md"));
        Set<String> referenced = new TreeSet<>();
        collectSecretNames(rendered.objects(), referenced);
        assertThat(referenced).isNotEmpty();
        assertThat(referenced).allSatisfy(secret -> assertThat(readme).as("deploy/README.md").contains(secret));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void everyConfigMapADeploymentReadsIsRendered(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Set<String> configMaps = new TreeSet<>();
        rendered.ofKind("ConfigMap").forEach(c -> configMaps.add(c.at("/metadata/name").asText()));
        for (String service : RenderedOverlay.DEPLOYMENTS) {
            for (JsonNode source : rendered.container(service).path("envFrom")) {
                assertThat(configMaps).as(service + " envFrom").contains(source.at("/configMapRef/name").asText());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void policyValuesReachTheServiceThatEnforcesThem(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Map<String, String> policyOf = Map.of("screening-service", "screening-policy", "session-service",
                "session-policy", "alert-service", "alert-policy", "notification-service", "notification-policy");
        policyOf.forEach((service, policy) -> {
            String generated = rendered.configMap(policy).at("/metadata/name").asText();
            assertThat(texts(rendered.container(service).path("envFrom"), "/configMapRef/name"))
                    .as(service + " reads " + policy).contains(generated);
        });
        policyOf.forEach((service, policy) -> rendered.configMap(policy).path("data").fieldNames()
                .forEachRemaining(name -> assertThat(ServiceConfiguration.reads(service, name))
                        .as(policy + ": " + service + " reads no policy value named " + name).isTrue()));
    }

    /**
     * The base sets no policy value: the services' mappings hold the clinic guidance, once. The names its files list
     * for clinic IT are names the service reads.
     */
    @ParameterizedTest
    @ValueSource(strings = { "alert", "screening", "session", "notification" })
    void theBasePolicyLeavesEveryValueToTheServicesDefaults(String service) throws Exception {
        List<String> lines = Files.readAllLines(
                Repository.file("deploy/kubernetes/base/config/" + service + "-policy.env"));
        assertThat(lines).as("values in base/config/" + service + "-policy.env")
                .allMatch(line -> line.isBlank() || line.startsWith("#"));
        List<String> listed = lines.stream().filter(line -> line.startsWith("#   "))
                .flatMap(line -> Arrays.stream(line.substring(1).trim().split("[\\s,]+")))
                .filter(word -> word.startsWith("CLINIC_")).map(word -> word.replaceAll("<\\w+>", "ANY"))
                .toList();
        assertThat(listed).as("names listed in base/config/" + service + "-policy.env").isNotEmpty()
                .allSatisfy(name -> assertThat(ServiceConfiguration.reads(service + "-service", name))
                        .as(service + "-service reads " + name).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void deploymentsSetOnlyWhatDiffersFromTheServicesOwnConfiguration(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        SoftAssertions softly = new SoftAssertions();
        for (String deployment : RenderedOverlay.DEPLOYMENTS) {
            Map<String, String> defaults = ServiceConfiguration.defaults(deployment);
            rendered.environment(deployment).forEach((name, value) -> softly.assertThat(value)
                    .as(deployment + " " + name + " restates the service's own default")
                    .isNotEqualTo(defaults.get(name)));
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void servicesAcceptTheIssuerKeycloakPutsIntoTokens(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        JsonNode connections = rendered.configMap("bfr-guard-connections").path("data");
        JsonNode keycloak = rendered.get("Keycloak", "keycloak");
        assertThat(connections.path("QUARKUS_OIDC_TOKEN_ISSUER").asText())
                .isEqualTo(keycloak.at("/spec/hostname/hostname").asText() + "/realms/clinic");
        assertThat(keycloak.at("/spec/hostname/backchannelDynamic").asBoolean())
                .as("keys fetched through the in-cluster URL must point back into the cluster").isTrue();
        assertThat(connections.path("QUARKUS_OIDC_AUTH_SERVER_URL").asText())
                .startsWith("https://" + keycloak.at("/metadata/name").asText() + "-service:")
                .endsWith("/realms/clinic");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void keycloaksPublicHostServesTheClinicRealmAndNeverTheAdminConsole(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        JsonNode keycloak = rendered.get("Keycloak", "keycloak");
        assertThat(keycloak.at("/spec/ingress/enabled").asBoolean(true))
                .as("the operator's own Ingress routes every path of the host, the admin console's too").isFalse();
        assertThat(keycloak.at("/spec/hostname/admin").asText()).as("the admin console's address")
                .startsWith("https://localhost:");
        String host = URI.create(keycloak.at("/spec/hostname/hostname").asText()).getHost();
        JsonNode ingress = rendered.get("Ingress", "keycloak-public");
        assertThat(texts(ingress.at("/spec/tls/0/hosts"))).containsExactly(host);
        for (String path : List.of("/realms/clinic/protocol/openid-connect/auth",
                "/realms/clinic/protocol/openid-connect/token", "/realms/clinic/protocol/openid-connect/certs",
                "/realms/clinic/.well-known/openid-configuration", "/realms/clinic/account",
                "/resources/8wd2b/login/keycloak.v2/css/styles.css")) {
            assertThat(rendered.routedService(host, path)).as("https://" + host + path).contains("keycloak-service");
        }
        for (String path : List.of("/admin/master/console/", "/admin/realms/clinic/users",
                "/realms/master/protocol/openid-connect/auth", "/realms/clinicx/account", "/", "/metrics")) {
            assertThat(rendered.routedService(host, path)).as("https://" + host + path).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void keycloakImportsTheProductionRealmWithoutUsers(String overlay) throws Exception {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        JsonNode production = Yaml.MAPPER.readTree(
                Files.readString(Repository.file("deploy/keycloak/production/clinic-realm.json")));
        JsonNode copy = Yaml.document(Files.readString(Repository.file(
                "deploy/kubernetes/base/keycloak/realm-import.yaml")));
        assertThat(copy.at("/spec/realm"))
                .as("base/keycloak/realm-import.yaml is a copy of deploy/keycloak/production/clinic-realm.json")
                .isEqualTo(production);

        JsonNode imported = rendered.ofKind("KeycloakRealmImport").get(0);
        assertThat(imported.at("/spec/keycloakCRName").asText())
                .isEqualTo(rendered.ofKind("Keycloak").get(0).at("/metadata/name").asText());
        // An overlay adapts the console's redirect URIs to its host (checked on their own below), nothing else.
        JsonNode realm = imported.at("/spec/realm").deepCopy();
        ((ObjectNode) realmClient(realm, CONSOLE_CLIENT)).set("redirectUris",
                realmClient(production, CONSOLE_CLIENT).path("redirectUris"));
        assertThat(realm).as("the realm " + overlay + " imports is the production realm").isEqualTo(production);
        assertThat(imported.at("/spec/realm/users").size()).as("users in the imported realm").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void theRealmLetsTheConsoleLogInAndOutOnTheIngressHost(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        String origin = "https://" + consoleHost(rendered);
        String clientId = rendered.environment(RenderedOverlay.CONSOLE)
                .getOrDefault("CLINIC_WEB_CLIENT_ID", CONSOLE_CLIENT);
        JsonNode client = realmClient(rendered.ofKind("KeycloakRealmImport").get(0).at("/spec/realm"), clientId);
        assertThat(client.path("publicClient").asBoolean()).as(clientId + " is public (the browser holds no secret)")
                .isTrue();
        List<String> redirects = texts(client.path("redirectUris"));
        // js/auth.js: the login comes back to the page that asked for it, the logout goes to the start page.
        for (String page : List.of("/board.html", "/session.html", "/floor.html", "/")) {
            assertThat(keycloakAccepts(redirects, origin + page)).as(clientId + " redirect URIs " + redirects
                    + " admit " + origin + page).isTrue();
        }
        String logoutRedirects = client.at("/attributes/post.logout.redirect.uris").asText();
        List<String> afterLogout = "+".equals(logoutRedirects) ? redirects : List.of(logoutRedirects.split("##"));
        assertThat(keycloakAccepts(afterLogout, origin + "/")).as(clientId + " post-logout redirect URIs "
                + afterLogout + " admit " + origin + "/").isTrue();
        // "+" admits the origins of the redirect URIs: the token requests of the pages.
        assertThat(texts(client.path("webOrigins"))).as(clientId + " web origins").containsAnyOf("+", origin);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void onlyTheServicesReachPostgresAndKafka(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);

        // The labels the database and Kafka policies admit are on the services' pods and nowhere else.
        List<String> clients = new ArrayList<>();
        for (JsonNode deployment : rendered.ofKind("Deployment")) {
            JsonNode labels = deployment.at("/spec/template/metadata/labels");
            if ("true".equals(labels.path("bfr-guard/database-client").asText())
                    && "true".equals(labels.path("bfr-guard/kafka-client").asText())) {
                clients.add(deployment.at("/metadata/name").asText());
            }
        }
        assertThat(clients).containsExactlyInAnyOrderElementsOf(RenderedOverlay.SERVICES);

        assertThat(rendered.find("NetworkPolicy", "default-deny-ingress")).hasValueSatisfying(policy -> {
            assertThat(policy.at("/spec/podSelector").size()).as("selects every pod").isZero();
            assertThat(policy.at("/spec/ingress").size()).isZero();
        });

        JsonNode postgres = rendered.get("NetworkPolicy", "postgres-from-clients");
        String cluster = rendered.ofKind("Cluster").get(0).at("/metadata/name").asText();
        assertThat(postgres.at("/spec/podSelector/matchLabels/cnpg.io~1cluster").asText()).isEqualTo(cluster);
        List<JsonNode> onPostgresPort = rulesOnPort(postgres, "5432");
        assertThat(peers(onPostgresPort)).containsExactlyInAnyOrder(
                "pods{bfr-guard/database-client=true}",
                "pods{app.kubernetes.io/instance=keycloak, app.kubernetes.io/managed-by=keycloak-operator}",
                "pods{cnpg.io/cluster=" + cluster + "}");

        JsonNode listeners = rendered.ofKind("Kafka").get(0).at("/spec/kafka/listeners");
        assertThat(listeners).isNotEmpty().allSatisfy(listener -> {
            assertThat(listener.path("type").asText()).as("listeners stay inside the cluster").isEqualTo("internal");
            assertThat(peers(List.of(listener.path("networkPolicyPeers"))))
                    .as("Kafka listener " + listener.path("name").asText())
                    .containsExactly("pods{bfr-guard/kafka-client=true}");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void onlyTheIngressControllerReachesTheApis(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        JsonNode policy = rendered.get("NetworkPolicy", "api-from-ingress-controller");
        assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo("api");
        for (String service : RenderedOverlay.SERVICES) {
            assertThat(rendered.get("Deployment", service)
                    .at("/spec/template/metadata/labels/app.kubernetes.io~1component").asText()).isEqualTo("api");
            assertThat(peersAdmittedToPort(rendered, service)).as(service).containsExactlyInAnyOrder(
                    INGRESS_CONTROLLER,
                    // Prometheus reads /q/metrics; the Ingress routes no /q/ path of a service, so no one outside
                    // reaches it.
                    "namespace{kubernetes.io/metadata.name=monitoring} pods{app.kubernetes.io/name=prometheus}");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void onlyTheIngressControllerReachesTheConsole(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        assertThat(rendered.get("Deployment", RenderedOverlay.CONSOLE)
                .at("/spec/template/metadata/labels/app.kubernetes.io~1component").asText())
                .as("the console is no API: the APIs' policy and Keycloak's admit pods by that label")
                .isNotEqualTo("api");
        assertThat(peersAdmittedToPort(rendered, RenderedOverlay.CONSOLE)).containsExactly(INGRESS_CONTROLLER);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void theIngressRoutesEveryApiToItsServiceAndEverythingElseToTheConsole(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Map<String, String> routes = new TreeMap<>();
        // Keycloak's own host has an Ingress of its own (keycloaksPublicHostServesTheClinicRealm...)
        for (JsonNode ingress : rendered.ofKind("Ingress").stream()
                .filter(i -> !i.at("/metadata/name").asText().equals("keycloak-public")).toList()) {
            List<String> tlsHosts = new ArrayList<>();
            ingress.at("/spec/tls").forEach(tls -> tlsHosts.addAll(texts(tls.path("hosts"))));
            for (JsonNode rule : ingress.at("/spec/rules")) {
                assertThat(tlsHosts).as("TLS on " + ingress.at("/metadata/name").asText())
                        .contains(rule.path("host").asText());
                for (JsonNode path : rule.at("/http/paths")) {
                    String service = path.at("/backend/service/name").asText();
                    rendered.get("Service", service);
                    routes.put(path.path("path").asText(), service);
                }
            }
        }
        assertThat(routes).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("/api/screenings", "screening-service"),
                Map.entry("/api/screening-checklist", "screening-service"),
                Map.entry("/api/patients", "screening-service"),
                Map.entry(SESSION_HISTORY, "session-service"),
                Map.entry("/api/sessions", "session-service"),
                Map.entry("/api/exercises", "session-service"),
                Map.entry("/api/floor", "session-service"),
                Map.entry("/api/alerts", "alert-service"),
                Map.entry("/api/oncall", "notification-service"),
                Map.entry("/api/notifications", "notification-service"),
                Map.entry("/api/audit/screening", "screening-service"),
                Map.entry("/api/audit/session", "session-service"),
                Map.entry("/api/audit/alert", "alert-service"),
                Map.entry("/api/audit/notification", "notification-service"),
                Map.entry("/", RenderedOverlay.CONSOLE)));

        // Where the browser's requests end up: the longer /api/ prefixes win over the console's /.
        String host = consoleHost(rendered);
        Map<String, String> requests = new TreeMap<>(Map.ofEntries(
                Map.entry("/api/screenings", "screening-service"),
                Map.entry("/api/screenings/3f2a/clearance", "screening-service"),
                Map.entry("/api/patients/p-1/eligibility", "screening-service"),
                Map.entry("/api/patients/p-1/screenings", "screening-service"),
                Map.entry("/api/patients/p-1/sessions", "session-service"),
                Map.entry("/api/patients/sessions/screenings", "screening-service"),
                Map.entry("/api/patients/p-1/sessions/x", "screening-service"),
                Map.entry("/api/screening-checklist", "screening-service"),
                Map.entry("/api/sessions/7c1e/bands/9a0b/release", "session-service"),
                Map.entry("/api/exercises", "session-service"),
                Map.entry("/api/floor", "session-service"),
                Map.entry("/api/floor/stream", "session-service"),
                Map.entry("/api/alerts/stream", "alert-service"),
                Map.entry("/api/alerts/4d5e/acknowledge", "alert-service"),
                Map.entry("/api/oncall/north", "notification-service"),
                Map.entry("/api/oncall/me/contacts", "notification-service"),
                Map.entry("/api/oncall/me/test", "notification-service"),
                Map.entry("/api/notifications", "notification-service"),
                Map.entry("/api/audit/screening", "screening-service"),
                Map.entry("/api/audit/session", "session-service"),
                Map.entry("/api/audit/alert", "alert-service"),
                Map.entry("/api/audit/notification", "notification-service"),
                Map.entry("/api/audit/notification/verify", "notification-service"),
                Map.entry("/", RenderedOverlay.CONSOLE),
                Map.entry("/session.html", RenderedOverlay.CONSOLE),
                Map.entry("/floor.html", RenderedOverlay.CONSOLE),
                Map.entry("/record.html", RenderedOverlay.CONSOLE),
                Map.entry("/webjars/echarts/dist/echarts.esm.min.js", RenderedOverlay.CONSOLE),
                Map.entry("/board.html", RenderedOverlay.CONSOLE),
                Map.entry("/oncall.html", RenderedOverlay.CONSOLE),
                Map.entry("/config.json", RenderedOverlay.CONSOLE),
                Map.entry("/js/auth.js", RenderedOverlay.CONSOLE)));
        requests.forEach((path, service) -> assertThat(rendered.routedService(host, path))
                .as("https://" + host + path).contains(service));
    }

    /**
     * The session history's path is a regular expression, so ingress-nginx reads every path of the host as one
     * ({@code ^path}, longest first). That must not change where any Prefix path sends its requests: each still
     * reaches its own Service, for the path itself and below it, and no other path takes them.
     */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void readAsRegularExpressionsEveryPrefixPathRoutesAsItsPrefixWould(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        String host = consoleHost(rendered);
        assertThat(rendered.regexPaths(host)).as("use-regex on the Ingress of " + host).isTrue();
        List<RenderedOverlay.IngressPath> paths = rendered.ingressPaths(host);
        assertThat(paths).filteredOn(p -> !"Prefix".equals(p.pathType()))
                .extracting(RenderedOverlay.IngressPath::path).containsExactly(SESSION_HISTORY);
        for (RenderedOverlay.IngressPath path : paths) {
            if (!"Prefix".equals(path.pathType())) {
                continue;
            }
            String below = (path.path().endsWith("/") ? path.path() : path.path() + "/") + "3f2a/x";
            for (String request : List.of(path.path(), below)) {
                String byPrefix = paths.stream()
                        .filter(p -> "Prefix".equals(p.pathType()) && RenderedOverlay.prefixMatches(p.path(), request))
                        .max(Comparator.comparingInt(p -> p.path().length()))
                        .map(RenderedOverlay.IngressPath::service).orElseThrow();
                assertThat(rendered.routedService(host, request)).as("https://" + host + request).contains(byPrefix);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void theConsoleCallsTheApisOnItsOwnHostAndLogsInWhereTheServicesTrustTokensFrom(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        String origin = "https://" + consoleHost(rendered);
        Map<String, String> console = rendered.environment(RenderedOverlay.CONSOLE);

        // A name ConsoleConfig does not read would leave the pages on their localhost defaults.
        console.keySet().stream().filter(name -> name.startsWith("CLINIC_WEB_")).forEach(name -> assertThat(
                ServiceConfiguration.reads(RenderedOverlay.CONSOLE, name)).as("web-console reads " + name).isTrue());

        // Each address plus a path the pages call reaches that API through the Ingress.
        Map<String, Map.Entry<String, String>> calls = Map.of(
                "CLINIC_WEB_SCREENING_URL", Map.entry("/api/screenings", "screening-service"),
                "CLINIC_WEB_SESSION_URL", Map.entry("/api/sessions", "session-service"),
                "CLINIC_WEB_ALERT_URL", Map.entry("/api/alerts/stream", "alert-service"),
                "CLINIC_WEB_NOTIFICATION_URL", Map.entry("/api/oncall/me/contacts", "notification-service"));
        calls.forEach((name, call) -> {
            assertThat(console).as("the console's environment").containsKey(name);
            URI address = URI.create(console.get(name));
            assertThat(stripTrailingSlash(address.toString())).as(name).isEqualTo(origin);
            assertThat(rendered.routedService(address.getHost(), stripTrailingSlash(address.getPath()) + call.getKey()))
                    .as(name + " + " + call.getKey()).contains(call.getValue());
        });

        String realm = console.get("CLINIC_WEB_REALM_URL");
        assertThat(realm).as("CLINIC_WEB_REALM_URL").startsWith("https://");
        for (String service : RenderedOverlay.SERVICES) {
            assertThat(stripTrailingSlash(realm)).as("the console logs in at the issuer " + service + " accepts")
                    .isEqualTo(rendered.environment(service).get("QUARKUS_OIDC_TOKEN_ISSUER"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void everyServiceAllowsTheConsolesOrigin(String overlay) throws Exception {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        // common's configuration turns clinic.web.origins (environment CLINIC_WEB_ORIGINS) into the CORS origins.
        String common = Files.readString(
                Repository.file("common/src/main/resources/META-INF/microprofile-config.properties"));
        assertThat(common).as("common's CORS origins").containsPattern(
                "(?m)^quarkus\\.http\\.cors\\.origins=\\$\\{clinic\\.web\\.origins[:}]");

        String origin = "https://" + consoleHost(rendered);
        for (String service : RenderedOverlay.SERVICES) {
            String origins = rendered.environment(service).getOrDefault("CLINIC_WEB_ORIGINS", "");
            assertThat(Arrays.stream(origins.split(",")).map(String::strip)
                    .map(KubernetesOverlaysTests::stripTrailingSlash))
                    .as(service + " CLINIC_WEB_ORIGINS").contains(origin);
        }
    }

    /** The one host whose / the Ingress sends to the web console. */
    static String consoleHost(RenderedOverlay rendered) {
        List<String> hosts = rendered.ingressHosts().stream()
                .filter(host -> rendered.routedService(host, "/").filter(RenderedOverlay.CONSOLE::equals).isPresent())
                .distinct().toList();
        assertThat(hosts).as("Ingress hosts serving the web console under /").hasSize(1);
        return hosts.get(0);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static JsonNode realmClient(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (clientId.equals(client.path("clientId").asText())) {
                return client;
            }
        }
        throw new AssertionError("the realm has no client " + clientId);
    }

    /** Keycloak's redirect URI matching: exact, or a prefix before a trailing {@code *}. */
    private static boolean keycloakAccepts(List<String> redirectUris, String uri) {
        return redirectUris.stream().anyMatch(allowed -> allowed.endsWith("*")
                ? uri.startsWith(allowed.substring(0, allowed.length() - 1))
                : uri.equals(allowed));
    }

    /**
     * The peers the NetworkPolicies admit to a deployment's http port: every rule of every policy that selects its
     * pods and names that port (by name or number) or no port at all.
     */
    private static List<String> peersAdmittedToPort(RenderedOverlay rendered, String deployment) {
        JsonNode podLabels = rendered.get("Deployment", deployment).at("/spec/template/metadata/labels");
        JsonNode port = rendered.container(deployment).path("ports").get(0);
        Set<String> names = Set.of(port.path("name").asText(), port.path("containerPort").asText());
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode policy : rendered.ofKind("NetworkPolicy")) {
            if (!RenderedOverlay.selects(policy.at("/spec/podSelector/matchLabels"), podLabels)) {
                continue;
            }
            for (JsonNode rule : policy.at("/spec/ingress")) {
                List<String> rulePorts = texts(rule.path("ports"), "/port");
                if (rulePorts.isEmpty() || rulePorts.stream().anyMatch(names::contains)) {
                    rules.add(rule);
                }
            }
        }
        return peers(rules);
    }

    static Map<String, JsonNode> topicsByName(RenderedOverlay rendered) {
        Map<String, JsonNode> topics = new TreeMap<>();
        for (JsonNode topic : rendered.ofKind("KafkaTopic")) {
            String name = topic.at("/spec/topicName").asText(topic.at("/metadata/name").asText());
            topics.put(name.isEmpty() ? topic.at("/metadata/name").asText() : name, topic);
        }
        return topics;
    }

    private static List<JsonNode> rulesOnPort(JsonNode policy, String port) {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode rule : policy.at("/spec/ingress")) {
            if (texts(rule.path("ports"), "/port").contains(port)) {
                rules.add(rule);
            }
        }
        return rules;
    }

    /** Each peer as text, e.g. {@code namespace{a=b} pods{c=d}}, from rules (their "from") or peer lists. */
    static List<String> peers(List<JsonNode> rulesOrPeerLists) {
        List<String> described = new ArrayList<>();
        for (JsonNode node : rulesOrPeerLists) {
            JsonNode peers = node.isArray() ? node : node.path("from");
            for (JsonNode peer : peers) {
                List<String> parts = new ArrayList<>();
                if (peer.has("namespaceSelector")) {
                    parts.add("namespace" + labels(peer.at("/namespaceSelector/matchLabels")));
                }
                if (peer.has("podSelector")) {
                    parts.add("pods" + labels(peer.at("/podSelector/matchLabels")));
                }
                if (peer.has("ipBlock")) {
                    parts.add("ipBlock " + peer.at("/ipBlock/cidr").asText());
                }
                described.add(String.join(" ", parts));
            }
        }
        return described;
    }

    static String labels(JsonNode matchLabels) {
        Map<String, String> sorted = new TreeMap<>();
        matchLabels.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        return sorted.toString();
    }

    private static void collectSecretNames(Iterable<JsonNode> nodes, Set<String> names) {
        for (JsonNode node : nodes) {
            collectSecretNames(node, names);
        }
    }

    private static void collectSecretNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if ((key.equals("secretKeyRef") || key.endsWith("Secret") || key.equals("secret"))
                        && value.isObject() && value.has("name")) {
                    names.add(value.path("name").asText());
                } else if ((key.equals("secretName") || key.equals("tlsSecret")) && value.isTextual()) {
                    names.add(value.asText());
                }
                collectSecretNames(value, names);
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectSecretNames(child, names));
        }
    }

    private static List<String> texts(JsonNode array) {
        return texts(array, "");
    }

    private static List<String> texts(JsonNode array, String pointer) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(pointer.isEmpty() ? element.asText() : element.at(pointer).asText()));
        return texts;
    }
}
