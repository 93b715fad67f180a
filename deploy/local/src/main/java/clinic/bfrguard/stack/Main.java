package clinic.bfrguard.stack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code deploy/local/run}: starts the stack, prints how to use it, stops everything on Ctrl-C. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("""
                    usage: deploy/local/run [--clean] [--replicas N]
                      --clean         start afresh: empty databases, topics and realm (downloads are kept)
                      --replicas N    N instances of each service (1 to 3; default 1), as production runs 2:
                                      replica 2 on each service's port + 100, replica 3 on + 200
                    Ports: KAFKA_PORT (9092), POSTGRES_PORT (5432), KEYCLOAK_PORT (8180),
                           SCREENING_PORT (8081), SESSION_PORT (8082), ALERT_PORT (8083),
                           NOTIFICATION_PORT (8084), WEB_PORT (8080, the web console),
                           SMTP_PORT (3025), IMAP_PORT (3143) (the mail server)
                    Policy: any CLINIC_* variable reaches the services, e.g. CLINIC_BAND_MAX_CONTINUOUS=PT60S
                    Demo:   BFR_DEMO_ONCALL=0 leaves the demo on-call (contacts, schedules) unset""");
            return;
        }
        StackSettings settings = StackSettings.fromEnvironment(Path.of(System.getProperty("bfr.repository", ".")).toAbsolutePath().normalize());
        if (Arrays.asList(args).contains("--clean")) {
            Progress.say("--clean: removing data in " + settings.workDirectory());
            LocalStack.cleanData(settings);
        }
        int replicas = replicas(args);
        CountDownLatch stopped = new CountDownLatch(1);
        LocalStack stack = LocalStack.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Progress.say("stopping");
            stack.close();
            stopped.countDown();
        }, "stack-stop"));
        StringBuilder more = new StringBuilder();
        for (int n = 2; n <= replicas; n++) {
            for (String service : LocalStack.SERVICES) {
                more.append(String.format("  %-21s %s   (replica %d)%n", service, stack.startReplica(service).url(), n));
            }
        }
        if (settings.demoOnCall()) {
            DemoOnCall.setUp(settings);
        }
        System.out.println(banner(settings));
        if (!more.isEmpty()) {
            System.out.println("More replicas, on the same databases and broker (the web console calls the first):");
            System.out.println(more);
        }
        stopped.await();
    }

    /** {@code --replicas N}: how many instances of each service, 1 when not given. */
    static int replicas(String[] args) {
        List<String> list = Arrays.asList(args);
        int at = list.indexOf("--replicas");
        if (at < 0) {
            return 1;
        }
        try {
            int n = Integer.parseInt(list.get(at + 1));
            if (n >= 1 && n <= 3) {
                return n;
            }
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--replicas takes 1, 2 or 3");
    }

    private static String banner(StackSettings s) {
        return """

                BFR Guard is running.
                  web console           %s   (log in as a demo user below)
                  screening-service     %s/api   (OpenAPI: %s/q/openapi)
                  session-service       %s/api
                  alert-service         %s/api
                  notification-service  %s/api   (on-call: /api/oncall/north, /api/oncall/south)
                  Keycloak              %s   (realm clinic; admin console user admin / admin)
                  Kafka                 %s   (SASL_PLAINTEXT, SCRAM-SHA-512; tools as %s / %s)
                  PostgreSQL            localhost:%d (screening, session, alert, notification)
                  mail server           %s   %s   (reading the demo mail: below)
                  logs                  %s

                Demo logins (password = user name):
                  site north            physio1 (physiotherapist), clinician1, clinician2 (clinicians)
                  site south            physio2 (physiotherapist), clinician3 (clinician)
                  both sites            admin1 (clinic-admin)

                Try it:
                  TOKEN=$(curl -s -d client_id=clinic-web -d grant_type=password -d username=physio1 -d password=physio1 \\
                    %s/protocol/openid-connect/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                  curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                    -d '{"patientId":"P-1","systolic":120,"diastolic":80,"conditions":[]}' %s/api/screenings

                Demo mail: every demo user has a mailbox <user>@clinic.example (password = user name) on the mail
                server. On call (unless BFR_DEMO_ONCALL=0): north clinician1, then clinician2; south clinician3.
                Read their mail with any mail client (IMAP server localhost, port %d, no TLS), or with curl:
                  curl -s -u clinician1@clinic.example:clinician1 '%s/INBOX' -X 'FETCH 1:* (ENVELOPE)'
                  curl -s -u clinician1@clinic.example:clinician1 '%s/INBOX/;UID=1'     # the first message whole

                Ctrl-C stops everything.
                """.formatted(s.webUrl(), s.serviceUrl("screening-service"), s.serviceUrl("screening-service"),
                s.serviceUrl("session-service"), s.serviceUrl("alert-service"), s.serviceUrl("notification-service"),
                s.keycloakUrl(), s.kafkaBootstrap(), KafkaAccess.ADMIN, KafkaAccess.password(KafkaAccess.ADMIN),
                s.postgresPort(), s.smtpUrl(), s.imapUrl(),
                s.workDirectory().resolve("logs"), s.realmUrl(), s.serviceUrl("screening-service"), s.imapPort(),
                s.imapUrl(), s.imapUrl());
    }
}
