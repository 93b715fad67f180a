package clinic.bfrguard.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Who may do what on the stack's Kafka, as in production: every client authenticates with SCRAM-SHA-512, one user
 * per service with exactly the ACLs of the Kubernetes {@code KafkaUser} of the same name
 * ({@code deploy/kubernetes/base/kafka/users.yaml}, the one place they are written), and the stack's own
 * {@value #ADMIN}, a super user, creates the topics of {@code topics.yaml} (nobody else may create one) and the
 * users. The passwords are local demo values: {@code <user>-local-demo}.
 */
public final class KafkaAccess {

    /** The broker's super user: the broker itself, the stack, and operators' tools on this machine. */
    public static final String ADMIN = "admin";
    static final String MECHANISM = "SCRAM-SHA-512";
    private static final Path USERS = Path.of("deploy/kubernetes/base/kafka/users.yaml");
    private static final Path TOPICS = Path.of("deploy/kubernetes/base/kafka/topics.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One ACL of a user: allowed {@code operation} on the resource. */
    record Acl(ResourceType type, String name, AclOperation operation) {
    }

    /** A Kafka user and its ACLs. */
    record User(String name, List<Acl> acls) {
    }

    private KafkaAccess() {
    }

    /** The local demo password of {@code user}. */
    public static String password(String user) {
        return user + "-local-demo";
    }

    /** The JAAS line of a SCRAM client. */
    public static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** A client's security settings for {@code user} with {@code password}, to add to its other settings. */
    public static Map<String, Object> client(String user, String password) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        settings.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user, password));
        return settings;
    }

    /** The same settings as a Quarkus service reads them from its environment ({@code kafka.*}). */
    static Map<String, String> serviceEnvironment(String service) {
        return Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM", MECHANISM,
                "KAFKA_SASL_JAAS_CONFIG", jaas(service, password(service)));
    }

    /** The users of {@code users.yaml}, with their ACLs. */
    static List<User> users(Path repository) {
        List<User> users = new ArrayList<>();
        for (JsonNode user : documents(repository.resolve(USERS))) {
            if (!"KafkaUser".equals(user.path("kind").asText())) {
                continue;
            }
            List<Acl> acls = new ArrayList<>();
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                if (!"literal".equals(acl.at("/resource/patternType").asText("literal"))) {
                    throw new IllegalStateException(USERS + ": only literal ACLs are supported here");
                }
                ResourceType type = ResourceType.fromString(acl.at("/resource/type").asText());
                for (JsonNode operation : acl.path("operations")) {
                    // Strimzi writes "IdempotentWrite" where Kafka's enum says IDEMPOTENT_WRITE
                    AclOperation allowed = AclOperation.fromString(operation.asText()
                            .replaceAll("(?<=[a-z])(?=[A-Z])", "_").toUpperCase(Locale.ROOT));
                    if (type == ResourceType.UNKNOWN || allowed == AclOperation.UNKNOWN) {
                        throw new IllegalStateException(USERS + ": an ACL Kafka does not know: " + acl);
                    }
                    acls.add(new Acl(type, acl.at("/resource/name").asText(), allowed));
                }
            }
            users.add(new User(user.at("/metadata/name").asText(), acls));
        }
        return users;
    }

    /** The topics of {@code topics.yaml}, by their names in Kafka. */
    static List<String> topics(Path repository) {
        List<String> topics = new ArrayList<>();
        for (JsonNode topic : documents(repository.resolve(TOPICS))) {
            if ("KafkaTopic".equals(topic.path("kind").asText())) {
                topics.add(Optional.ofNullable(topic.at("/spec/topicName").textValue())
                        .orElse(topic.at("/metadata/name").asText()));
            }
        }
        return topics;
    }

    /**
     * Creates what is missing, as {@value #ADMIN}: the topics (with the broker's partition count), each service's
     * user with its demo password, and the users' ACLs. Safe to repeat.
     */
    static void apply(Admin admin, Path repository) throws InterruptedException, ExecutionException,
            TimeoutException {
        List<NewTopic> topics = topics(repository).stream()
                .map(name -> new NewTopic(name, Optional.empty(), Optional.empty())).toList();
        admin.createTopics(topics).values().values().forEach(created -> {
            try {
                created.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("a topic was not created: " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException | TimeoutException e) {
                throw new IllegalStateException("a topic was not created in time", e);
            }
        });
        List<User> users = users(repository);
        admin.alterUserScramCredentials(users.stream()
                .<UserScramCredentialAlteration>map(user ->
                        new UserScramCredentialUpsertion(user.name(),
                                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password(user.name())))
                .toList()).all().get(30, TimeUnit.SECONDS);
        List<AclBinding> bindings = new ArrayList<>();
        for (User user : users) {
            for (Acl acl : user.acls()) {
                bindings.add(new AclBinding(new ResourcePattern(acl.type(), acl.name(), PatternType.LITERAL),
                        new AccessControlEntry("User:" + user.name(), "*", acl.operation(),
                                AclPermissionType.ALLOW)));
            }
        }
        admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
    }

    private static List<JsonNode> documents(Path file) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> all = new ArrayList<>();
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    all.add(document);
                }
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
