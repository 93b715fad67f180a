package clinic.bfrguard.notification.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/**
 * One real SMTP and IMAP server (GreenMail) per test JVM, on free ports, that a test can stop and start again on
 * the same ports to take the mail server away.
 */
public final class MailServer {

    private static ServerSetup[] setup;
    private static GreenMail server;

    private MailServer() {
    }

    public static synchronized int smtpPort() {
        start();
        return setup[0].getPort();
    }

    public static synchronized void start() {
        if (setup == null) {
            setup = new ServerSetup[] {new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)};
        }
        if (server == null) {
            server = new GreenMail(setup);
            server.start();
        }
    }

    /** The mail server goes away: connections to its port are refused until {@link #start}. */
    public static synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Every message the server has received since it (last) started. */
    public static synchronized List<Mail> received() {
        start();
        return Arrays.stream(server.getReceivedMessages()).map(MailServer::mail).toList();
    }

    public static List<Mail> receivedBy(String address) {
        return received().stream().filter(mail -> mail.to().contains(address)).toList();
    }

    /** A received message as a test reads it. */
    public record Mail(String to, String subject, String body, String idempotencyKey, String alertId) {
    }

    private static Mail mail(MimeMessage message) {
        try {
            String[] key = message.getHeader("X-BFR-Guard-Idempotency-Key");
            String[] alert = message.getHeader("X-BFR-Guard-Alert");
            return new Mail(String.join(",", Arrays.stream(message.getAllRecipients()).map(Object::toString).toList()),
                    message.getSubject(), GreenMailUtil.getBody(message), key == null ? null : key[0],
                    alert == null ? null : alert[0]);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
