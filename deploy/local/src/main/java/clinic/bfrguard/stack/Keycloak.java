package clinic.bfrguard.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Keycloak from its Maven Central zip, unpacked once into the work directory, with the clinic realm imported. */
final class Keycloak {

    private Keycloak() {
    }

    static ChildProcess start(StackSettings settings) throws IOException {
        Properties build = new Properties();
        try (InputStream in = Keycloak.class.getResourceAsStream("/local-stack.properties")) {
            build.load(in);
        }
        String version = build.getProperty("keycloak.version");
        Path home = settings.workDirectory().resolve("keycloak-" + version);
        if (!Files.exists(home.resolve("bin/kc.sh"))) {
            Path zip = Path.of(build.getProperty("keycloak.zip"));
            Progress.say("unpacking Keycloak " + version + " from " + zip.getFileName());
            unzip(zip, settings.workDirectory());
        }
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        Files.write(imports.resolve("clinic-realm.json"),
                withWebConsoleOrigin(Files.readAllBytes(settings.repository().resolve("deploy/keycloak/clinic-realm.json")),
                        settings.webUrl()));
        return ChildProcess.start("keycloak",
                List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                        "--http-port=" + settings.keycloakPort(),
                        "--http-management-port=" + (settings.keycloakPort() + 820),
                        "--import-realm"),
                home,
                Map.of("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1",
                        // local demo values: the admin console of a stack on this machine only
                        "KC_BOOTSTRAP_ADMIN_USERNAME", "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"),
                settings.workDirectory().resolve("logs"));
    }

    /**
     * The realm with the web console's origin among {@code clinic-web}'s web origins. The console's pages trade the
     * login code for tokens with a cross-origin call to Keycloak; Keycloak answers it only for a listed origin, and
     * cannot derive one from the wildcard redirect URI {@code http://localhost:*}. The console's port is known here.
     */
    static byte[] withWebConsoleOrigin(byte[] realmJson, String origin) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode realm = json.readTree(realmJson);
        for (JsonNode client : realm.path("clients")) {
            if ("clinic-web".equals(client.path("clientId").asText())) {
                ArrayNode origins = client.has("webOrigins") ? (ArrayNode) client.get("webOrigins")
                        : ((ObjectNode) client).putArray("webOrigins");
                boolean listed = false;
                for (JsonNode o : origins) {
                    listed |= origin.equals(o.asText());
                }
                if (!listed) {
                    origins.add(origin);
                }
            }
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(realm);
    }

    static boolean ready(StackSettings settings) {
        return Progress.answers(settings.realmUrl() + "/.well-known/openid-configuration");
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    if (out.toString().endsWith(".sh")) {
                        out.toFile().setExecutable(true);
                    }
                }
            }
        }
    }
}
