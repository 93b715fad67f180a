package clinic.bfrguard.e2e;

import clinic.bfrguard.stack.LocalStack;
import clinic.bfrguard.stack.StackSettings;

import java.nio.file.Path;
import java.util.Map;

/**
 * The one stack every end-to-end test shares: started the way {@code deploy/local/run} starts it, on ports of its
 * own (so a running local stack does not disturb it), from empty data, with policy values short enough to watch
 * the band rules happen in seconds.
 */
public final class E2EStack {

    /** Band limit for the suite: long enough for the API calls before it, short enough to wait for. */
    public static final int BAND_LIMIT_SECONDS = 8;
    public static final int WARN_BEFORE_SECONDS = 4;
    /** An unacknowledged CRITICAL alert escalates (and pages the next person on call) after this. */
    public static final int ESCALATE_AFTER_SECONDS = 10;
    /** A notification whose sender died is sent again this long after it was taken. */
    public static final int SEND_LEASE_SECONDS = 5;

    private static LocalStack stack;

    private E2EStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            Path repository = Path.of(System.getProperty("bfr.repository", "..")).toAbsolutePath().normalize();
            Path work = Path.of(System.getProperty("bfr.stack.dir", "target/e2e-stack")).toAbsolutePath();
            StackSettings settings = new StackSettings(repository, work,
                    port("E2E_KAFKA_PORT", 29092), port("E2E_KAFKA_CONTROLLER_PORT", 29093),
                    port("E2E_POSTGRES_PORT", 25432), port("E2E_KEYCLOAK_PORT", 28180),
                    port("E2E_SCREENING_PORT", 28081), port("E2E_SESSION_PORT", 28082),
                    port("E2E_ALERT_PORT", 28083), port("E2E_NOTIFICATION_PORT", 28084),
                    port("E2E_WEB_PORT", 28080), port("E2E_SMTP_PORT", 23025), port("E2E_IMAP_PORT", 23143),
                    // no demo on-call: each test sets up the contacts and schedules it needs
                    Map.of(), false, false)
                    .withServiceEnvironment(Map.of(
                            "CLINIC_BAND_MAX_CONTINUOUS", "PT" + BAND_LIMIT_SECONDS + "S",
                            "CLINIC_BAND_WARN_BEFORE", "PT" + WARN_BEFORE_SECONDS + "S",
                            "CLINIC_ALERTS_ESCALATE_AFTER", "PT" + ESCALATE_AFTER_SECONDS + "S",
                            "CLINIC_NOTIFY_SEND_LEASE", "PT" + SEND_LEASE_SECONDS + "S",
                            // the board says it is deaf after 4 s without a byte, the stream's heartbeat every 1 s
                            "CLINIC_WEB_STREAM_SILENCE", "PT4S", "CLINIC_ALERTS_STREAM_HEARTBEAT", "PT1S",
                            // the load run and the fuzzing write as one physiotherapist at machine speed; the
                            // per-user limit is the component tests' to prove
                            "CLINIC_RATELIMIT_WRITES_PER_MINUTE", "1000000"));
            try {
                LocalStack.cleanData(settings);
                stack = LocalStack.start(settings);
            } catch (Exception e) {
                throw new IllegalStateException("the end-to-end stack did not start: " + e.getMessage()
                        + " (logs in " + work.resolve("logs") + ")", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-stop"));
        }
        return stack;
    }

    public static String url(String service) {
        return get().settings().serviceUrl(service);
    }

    /** The web console, as a browser opens it. */
    public static String webUrl() {
        return get().settings().webUrl();
    }

    private static int port(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
