package clinic.bfrguard.e2e;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.HeaderTerm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The demo users' mailboxes on the stack's mail server, read over IMAP as a mail client reads them. */
final class Mailboxes {

    private static final String ALERT_HEADER = "X-BFR-Guard-Alert";

    private Mailboxes() {
    }

    /** One message as its reader sees it. */
    record Mail(String subject, String body, String alertId, String idempotencyKey) {
    }

    /**
     * The messages in {@code user}'s inbox ({@code <user>@clinic.example}, password the user name) about
     * {@code alertId}, found by the server's SEARCH on the alert header: after a long run an inbox holds more than a
     * thousand pages, too many to fetch one by one on every poll.
     */
    static List<Mail> about(String user, String alertId) {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "5000");
        properties.put("mail.imap.timeout", "5000");
        Session session = Session.getInstance(properties);
        try (Store store = session.getStore("imap")) {
            store.connect("localhost", E2EStack.get().settings().imapPort(), user + "@clinic.example", user);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<Mail> mails = new ArrayList<>();
                for (Message message : inbox.search(new HeaderTerm(ALERT_HEADER, alertId))) {
                    mails.add(new Mail(message.getSubject(), text(message.getContent()),
                            header(message, ALERT_HEADER), header(message, "X-BFR-Guard-Idempotency-Key")));
                }
                return mails;
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot read " + user + "'s mailbox: " + e, e);
        }
    }

    private static String header(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof MimeMultipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i).getContent()));
            }
            return text.toString();
        }
        return String.valueOf(content);
    }
}
