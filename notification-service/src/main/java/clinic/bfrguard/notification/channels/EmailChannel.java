package clinic.bfrguard.notification.channels;

import clinic.bfrguard.notification.domain.ContactPoints;
import clinic.bfrguard.notification.domain.Delivery;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * E-mail over SMTP through Quarkus Mailer. Accepted means the mail server took the message. The idempotency key
 * travels in the {@value #IDEMPOTENCY_HEADER} header, so a mail resent after a crash can be told from a new page.
 */
@ApplicationScoped
public class EmailChannel implements Channel {

    public static final String IDEMPOTENCY_HEADER = "X-BFR-Guard-Idempotency-Key";
    public static final String ALERT_HEADER = "X-BFR-Guard-Alert";

    private final Mailer mailer;

    public EmailChannel(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public boolean sends(String channel) {
        return ContactPoints.EMAIL_CHANNEL.equals(channel);
    }

    @Override
    public Outcome send(Delivery delivery) {
        Mail mail = Mail.withText(delivery.address(), delivery.text().subject(), delivery.text().body())
                .addHeader(IDEMPOTENCY_HEADER, delivery.idempotencyKey());
        if (delivery.alert() != null) {
            mail.addHeader(ALERT_HEADER, delivery.alert().alertId().toString());
        }
        try {
            mailer.send(mail);
            return Outcome.accepted("accepted by the mail server");
        } catch (RuntimeException e) {
            return Outcome.refused("mail server: " + describe(e));
        }
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
