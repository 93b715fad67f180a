package clinic.bfrguard.notification.support;

import clinic.bfrguard.testing.ClinicTestResources;

import java.util.HashMap;
import java.util.Map;

/** The JVM's real Kafka and PostgreSQL (database {@code notification}) and its real SMTP server. */
public class NotificationTestResources extends ClinicTestResources {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("database", "notification"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(MailServer.smtpPort()));
        return config;
    }
}
