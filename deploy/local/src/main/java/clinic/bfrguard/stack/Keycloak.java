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
final class Keycloak extends ProcessComponent {

    static final String NAME = "keycloak";

    private final StackSettings settings;

    Keycloak(StackSettings settings) {
        super(NAME, "Keycloak", settings.logDirectory().resolve(NAME + ".log"), false);
        this.settings = settings;
    }

    /** Where the distribution is unpacked: its {@code data} directory holds the realm, the rest is the download. */
    static Path home(StackSettings settings) throws IOException {
        return settings.workDirectory().resolve("keycloak-" + build().getProperty("keycloak.version"));
    }

    private static Properties build() throws IOException {
        Properties build = new Properties();
        try (InputStream in = Keycloak.class.getResourceAsStream("/local-stack.properties")) {
            build.load(in);
        }
        return build;
    }

    @Override
    ChildProcess launch(Path log, boolean appendLog) throws IOException {
        Progress.say("starting Keycloak on " + settings.keycloakPort() + " (the slowest part: up to a minute)");
        Path home = home(settings);
        if (!Files.exists(home.resolve("bin/kc.sh"))) {
            Properties build = build();
            Path zip = Path.of(build.getProperty("keycloak.zip"));
            Progress.say("unpacking Keycloak " + build.getProperty("keycloak.version") + " from " + zip.getFileName());
            unzip(zip, settings.workDirectory());
        }
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        Files.write(imports.resolve("clinic-realm.json"),
                withWebConsoleOrigin(Files.readAllBytes(settings.repository().resolve("deploy/keycloak/clinic-realm.json")),
                        settings.webUrl()));
        return ChildProcess.start(
                List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                        "--http-port=" + settings.keycloakPort(),
                        "--http-management-port=" + (settings.keycloakPort() + 820),
                        "--import-realm"),
                home,
                Map.of("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1",
                        // local demo values: the admin console of a stack on this machine only
                        "KC_BOOTSTRAP_ADMIN_USERNAME", "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"),
                log, appendLog);
    }

    @Override
    boolean answers() {
        return Progress.answers(settings.realmUrl() + "/.well-known/openid-configuration");
    }

    @Override
    String readyNote() {
        return ", realm clinic";
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
