package clinic.bfrguard.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Kafka topics the services use: the event contract plus whatever their configuration names. */
final class ServiceTopics {

    /** The event contract: one topic per publishing service, and a dead-letter topic for each. */
    static final Set<String> CONTRACT = Set.of("screening-events", "session-events", "alert-events",
            "notification-events", "screening-events.dlq", "session-events.dlq", "alert-events.dlq",
            "notification-events.dlq");

    private ServiceTopics() {
    }

    /** Every {@code *.topic} value (channel topics, dead-letter topics) in the services' application.properties. */
    static Set<String> configured() {
        Set<String> topics = new TreeSet<>();
        for (String service : RenderedOverlay.SERVICES) {
            Properties properties = properties(service);
            properties.stringPropertyNames().stream()
                    .filter(name -> name.startsWith("mp.messaging.") && name.endsWith(".topic"))
                    .map(properties::getProperty)
                    .map(String::trim)
                    .forEach(topics::add);
        }
        return topics;
    }

    /**
     * The topics a service consumes, each with the number of consumers one replica runs on it (the incoming
     * channel's {@code concurrency}, 1 unless set).
     */
    static Map<String, Integer> consumersPerReplica(String service) {
        Properties properties = properties(service);
        Map<String, Integer> consumers = new TreeMap<>();
        Pattern topic = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");
        for (String name : properties.stringPropertyNames()) {
            Matcher matcher = topic.matcher(name);
            if (matcher.matches()) {
                String concurrency = properties.getProperty(
                        "mp.messaging.incoming." + matcher.group(1) + ".concurrency", "1").trim();
                consumers.merge(properties.getProperty(name).trim(), Integer.parseInt(concurrency), Integer::sum);
            }
        }
        return consumers;
    }

    static Properties properties(String service) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                Repository.file(service + "/src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static Set<String> all() {
        Set<String> topics = new TreeSet<>(CONTRACT);
        topics.addAll(configured());
        return topics;
    }
}
