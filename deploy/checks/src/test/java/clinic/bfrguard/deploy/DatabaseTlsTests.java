package clinic.bfrguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service reaches PostgreSQL over TLS and checks the server's certificate and host name against the database's
 * CA (CloudNativePG's), mounted without the CA's key.
 */
class DatabaseTlsTests {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Z_]+)\\)");

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void everyServiceVerifiesTheDatabasesCertificateAndHostName(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        String cluster = rendered.ofKind("Cluster").get(0).at("/metadata/name").asText();
        for (String service : RenderedOverlay.SERVICES) {
            Map<String, String> environment = rendered.environment(service);
            String url = resolved(environment.get("QUARKUS_DATASOURCE_JDBC_URL"), environment);
            assertThat(url).as(service + " JDBC URL").startsWith("jdbc:postgresql://" + cluster + "-rw:5432/")
                    .contains("sslmode=verify-full");
            Matcher rootCert = Pattern.compile("sslrootcert=([^&]+)").matcher(url);
            assertThat(rootCert.find()).as(service + " names the CA's certificate").isTrue();
            String file = rootCert.group(1);

            JsonNode secret = rendered.secretVolumeOf(service, file);
            assertThat(secret.path("secretName").asText()).as(service + " CA Secret").isEqualTo(cluster + "-ca");
            assertThat(secret.path("items")).as(service + ": the certificate only, not the CA's key")
                    .singleElement().satisfies(item -> {
                        assertThat(item.path("key").asText()).isEqualTo("ca.crt");
                        assertThat(mount(file)).isEqualTo(item.path("path").asText());
                    });
        }
    }

    static String mount(String file) {
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /** Kubernetes's {@code $(VAR)} references, resolved from the container's environment. */
    private static String resolved(String value, Map<String, String> environment) {
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            reference.appendReplacement(out, Matcher.quoteReplacement(
                    environment.getOrDefault(reference.group(1), reference.group())));
        }
        reference.appendTail(out);
        return out.toString();
    }
}
