package clinic.bfrguard.notification.domain;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The words of a notification. It leaves the clinic's systems (mail relays, phones, PagerDuty), so it says what
 * happened, how urgent, where, on which limb or with which symptom, how long ago, and links to the alert on the
 * board; it names the patient only where the clinic has chosen so ({@code clinic.notify.include-patient-id}).
 */
public final class NotificationText {

    private static final Map<String, String> WHAT = Map.of(
            "BAND_TIME_OVERRUN", "band on too long",
            "BAND_TIME_WARNING", "band time running out",
            "ADVERSE_SYMPTOM", "adverse symptom during a session",
            "CONTRAINDICATION_FLAGGED", "contraindication found at screening",
            "CLEARANCE_REQUIRED", "screening needs a clinician's review",
            "GUIDELINE_DEVIATION", "training outside the guideline");
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private NotificationText() {
    }

    /** One notification's text: a subject (also the PagerDuty summary) and a plain-text body. */
    public record Text(String subject, String body) {
    }

    /** The page sent at {@code step} of the alert's escalation {@code level}. */
    public static Text page(AlertSummary alert, int level, int step, boolean everyone, Instant now, URI console,
            boolean includePatientId) {
        String subject = "[" + alert.severity() + "] " + capitalised(what(alert)) + detail(alert) + " at "
                + alert.site() + (level > 0 ? " (escalated, level " + level + ")" : "");
        StringBuilder body = new StringBuilder();
        body.append(alert.severity()).append(" alert at site ").append(alert.site()).append(": ").append(what(alert))
                .append(" (").append(alert.type()).append(")\n");
        if (alert.limb() != null) {
            body.append("Limb: ").append(alert.limb()).append('\n');
        }
        if (alert.symptom() != null) {
            body.append("Symptom: ").append(alert.symptom()).append('\n');
        }
        if (includePatientId) {
            body.append("Patient: ").append(alert.patientId()).append('\n');
        }
        body.append("Raised: ").append(ago(alert.raisedAt(), now)).append(" (").append(AT.format(alert.raisedAt()))
                .append(")\n");
        if (level > 0) {
            body.append("Escalated: level ").append(level).append(", nobody has acknowledged it yet\n");
        }
        body.append(everyone ? "You are told as a clinician of " + alert.site() + ": nobody on the rota has answered"
                : "You are on call at " + alert.site() + " (step " + step + " of the rota)").append('\n');
        body.append('\n').append("Open the alert: ").append(link(console, alert)).append('\n');
        body.append("Acknowledge it on the board to stop further pages.\n");
        return new Text(subject, body.toString());
    }

    /** A short title for a device's notification: what happened and how urgent, "Band on too long · CRITICAL". */
    public static String title(AlertSummary alert) {
        return capitalised(what(alert)) + " · " + alert.severity();
    }

    /**
     * What replaces a page on a device once the alert is acknowledged or resolved, so a phone stops asking for
     * attention that is no longer needed.
     */
    public static Text answered(AlertSummary alert, NotificationKind kind) {
        String how = kind == NotificationKind.RESOLVE ? "Resolved" : "Acknowledged";
        return new Text(how + ": " + title(alert), how + " on the board at " + alert.site()
                + ". Nothing more is needed for this page.");
    }

    /** A start-of-shift check that a channel reaches its owner. */
    public static Text test(String user, Instant now) {
        return new Text("BFR Guard test notification for " + user,
                "This is a test of your BFR Guard notification channels, sent " + AT.format(now)
                        + ".\nIf you read this, pages reach you here. Nothing needs doing.\n");
    }

    /** The alert on the web console's board. */
    public static URI link(URI console, AlertSummary alert) {
        String base = console.toString().endsWith("/") ? console.toString() : console + "/";
        return URI.create(base + "board.html#alert=" + alert.alertId());
    }

    /** "just now", "4 min ago", "2 h 05 min ago". */
    static String ago(Instant then, Instant now) {
        Duration since = Duration.between(then, now);
        if (since.isNegative() || since.toSeconds() < 60) {
            return "just now";
        }
        long minutes = since.toMinutes();
        if (minutes < 60) {
            return minutes + " min ago";
        }
        return since.toHours() + " h " + String.format("%02d", since.toMinutesPart()) + " min ago";
    }

    private static String what(AlertSummary alert) {
        return WHAT.getOrDefault(alert.type(), alert.type());
    }

    private static String detail(AlertSummary alert) {
        if (alert.symptom() != null) {
            return ", " + alert.symptom();
        }
        return alert.limb() != null ? ", " + alert.limb() : "";
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
