package clinic.bfrguard.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A real mail server, GreenMail from its Maven Central jar, in its own JVM: SMTP for the notification-service to
 * hand its e-mail to, IMAP for the demo users to read it. One mailbox per user of the local realm, its address the
 * user's e-mail ({@code clinician1@clinic.example}) and its password the user name, as for the logins. Mail is kept
 * in memory: a restart of the stack empties the mailboxes.
 */
final class MailServer extends ProcessComponent {

    static final String NAME = "mail";

    private final StackSettings settings;

    MailServer(StackSettings settings) {
        super(NAME, "mail server", settings.logDirectory().resolve(NAME + ".log"), false);
        this.settings = settings;
    }

    @Override
    ChildProcess launch(Path log, boolean appendLog) throws IOException {
        Progress.say("starting the mail server: SMTP on " + settings.smtpPort() + ", IMAP on " + settings.imapPort());
        Path jar = Path.of(build().getProperty("greenmail.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        Path home = settings.workDirectory().resolve(NAME);
        Files.createDirectories(home);
        List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-Xmx96m", "-XX:TieredStopAtLevel=1",
                // only SMTP and IMAP, on the loopback interface; no greenmail.hostname, so no HTTP API either
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + settings.smtpPort(),
                "-Dgreenmail.imap.hostname=127.0.0.1", "-Dgreenmail.imap.port=" + settings.imapPort(),
                // local-part:password@domain each, the password the user name
                "-Dgreenmail.users=" + mailboxes(settings).entrySet().stream()
                        .map(m -> m.getKey().replaceFirst("@", ":" + m.getValue() + "@"))
                        .collect(Collectors.joining(",")),
                // log in with the whole address, as a mail client would
                "-Dgreenmail.users.login=email",
                "-Dgreenmail.startup.timeout=10000",
                "-jar", jar.toString()));
        return ChildProcess.start(command, home, Map.of(), log, appendLog);
    }

    /**
     * The demo users' mailboxes, address to password (the user name), from the local realm: every user there whose
     * e-mail address is their user name at a domain gets one.
     */
    static Map<String, String> mailboxes(StackSettings settings) throws IOException {
        JsonNode realm = new ObjectMapper().readTree(
                settings.repository().resolve("deploy/keycloak/clinic-realm.json").toFile());
        Map<String, String> mailboxes = new LinkedHashMap<>();
        for (JsonNode user : realm.path("users")) {
            String email = user.path("email").asText("");
            String name = user.path("username").asText("");
            if (!email.isEmpty() && email.startsWith(name + "@")) {
                mailboxes.put(email, name);
            }
        }
        if (mailboxes.isEmpty()) {
            throw new IllegalStateException("deploy/keycloak/clinic-realm.json has no user with an e-mail address");
        }
        return mailboxes;
    }

    /** Ready when both SMTP and IMAP greet a client. */
    @Override
    boolean answers() {
        return greets(settings.smtpPort(), "220") && greets(settings.imapPort(), "* OK");
    }

    private static boolean greets(int port, String greeting) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(2000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[greeting.length()];
            int read = in.readNBytes(buffer, 0, buffer.length);
            return read == buffer.length && new String(buffer, StandardCharsets.US_ASCII).equals(greeting);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    String readyNote() {
        return ", mailboxes <user>@clinic.example";
    }

    @Override
    public Duration readyTimeout() {
        return Duration.ofSeconds(60);
    }

    private static Properties build() throws IOException {
        Properties build = new Properties();
        try (InputStream in = MailServer.class.getResourceAsStream("/local-stack.properties")) {
            build.load(in);
        }
        return build;
    }
}
