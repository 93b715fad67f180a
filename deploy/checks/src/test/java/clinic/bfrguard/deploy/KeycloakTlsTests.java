package clinic.bfrguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inside the cluster Keycloak speaks HTTPS only: the services fetch the realm's discovery document and signing keys
 * over it, checking its certificate against the CA of its Secret (the certificate only, never the key), and the
 * ingress controller forwards log-ins over it with the same check.
 */
class KeycloakTlsTests {

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void theServicesFetchTheRealmsKeysOverVerifiedHttps(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        JsonNode keycloak = rendered.get("Keycloak", "keycloak");
        assertThat(keycloak.at("/spec/http/httpEnabled").asBoolean(true)).as("Keycloak's plain HTTP port").isFalse();
        String tlsSecret = keycloak.at("/spec/http/tlsSecret").asText();
        assertThat(tlsSecret).as("Keycloak's certificate").isNotBlank();
        int port = keycloak.at("/spec/http/httpsPort").asInt();

        for (String service : RenderedOverlay.SERVICES) {
            Map<String, String> environment = rendered.environment(service);
            URI server = URI.create(environment.get("QUARKUS_OIDC_AUTH_SERVER_URL"));
            assertThat(server.getScheme()).as(service + " OIDC server URL").isEqualTo("https");
            assertThat(server.getHost()).isEqualTo(keycloak.at("/metadata/name").asText() + "-service");
            assertThat(server.getPort()).isEqualTo(port);
            String configuration = environment.get("QUARKUS_OIDC_TLS_TLS_CONFIGURATION_NAME");
            assertThat(configuration).as(service + " OIDC TLS configuration").isNotBlank();
            String file = environment.get("QUARKUS_TLS_" + configuration.toUpperCase(Locale.ROOT).replace('-', '_')
                    + "_TRUST_STORE_PEM_CERTS");
            assertThat(file).as(service + " trusts a CA for " + configuration).isNotBlank();

            JsonNode secret = rendered.secretVolumeOf(service, file);
            assertThat(secret.path("secretName").asText()).as(service + " Keycloak CA Secret").isEqualTo(tlsSecret);
            assertThat(secret.path("items")).as(service + ": the CA's certificate only, not Keycloak's key")
                    .singleElement().satisfies(item -> {
                        assertThat(item.path("key").asText()).isEqualTo("ca.crt");
                        assertThat(item.path("path").asText()).isEqualTo(DatabaseTlsTests.mount(file));
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void theIngressControllerAndThePoliciesReachKeycloakOnItsHttpsPortOnly(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        JsonNode keycloak = rendered.get("Keycloak", "keycloak");
        int port = keycloak.at("/spec/http/httpsPort").asInt();
        JsonNode ingress = rendered.get("Ingress", "keycloak-public");
        JsonNode annotations = ingress.at("/metadata/annotations");
        assertThat(annotations.path("nginx.ingress.kubernetes.io/backend-protocol").asText()).isEqualTo("HTTPS");
        assertThat(annotations.path("nginx.ingress.kubernetes.io/proxy-ssl-verify").asText()).isEqualTo("on");
        assertThat(annotations.path("nginx.ingress.kubernetes.io/proxy-ssl-secret").asText())
                .as("the CA the controller checks Keycloak's certificate against, in the overlay's namespace")
                .isEqualTo(ingress.at("/metadata/namespace").asText() + "/" + keycloak.at("/spec/http/tlsSecret")
                        .asText());
        assertThat(annotations.path("nginx.ingress.kubernetes.io/proxy-ssl-name").asText())
                .isEqualTo(keycloak.at("/metadata/name").asText() + "-service");
        for (JsonNode rule : ingress.at("/spec/rules")) {
            for (JsonNode path : rule.at("/http/paths")) {
                assertThat(path.at("/backend/service/port/number").asInt()).as(path.path("path").asText())
                        .isEqualTo(port);
            }
        }

        assertThat(keycloak.at("/spec/networkPolicy/http").isMissingNode()).as("a policy for the HTTP port").isTrue();
        assertThat(keycloak.at("/spec/networkPolicy/https")).as("who may reach the HTTPS port").isNotEmpty();
        for (JsonNode policy : rendered.ofKind("NetworkPolicy")) {
            for (JsonNode egress : policy.at("/spec/egress")) {
                if (egress.toString().contains("keycloak-operator")) {
                    assertThat(egress.at("/ports/0/port").asInt()).as(policy.at("/metadata/name").asText())
                            .isEqualTo(port);
                }
            }
        }
    }
}
