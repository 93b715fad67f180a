package clinic.bfrguard.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** The stack's Kafka as an operator sees it: whole topics read from the start, raw records sent, consumer lag. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /** The broker as the stack's admin (a super user): what an operator's tools see. */
    private static Map<String, Object> admin() {
        return E2EStack.get().settings().kafkaAdmin();
    }

    /** Every record of {@code topic} from the beginning up to its current end (empty if the topic does not exist). */
    static List<ConsumerRecord<String, String>> readAll(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                return List.of();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return readUpTo(consumer, topic, consumer.endOffsets(partitions, Duration.ofSeconds(30)));
        }
    }

    /** The records of {@code topic} from offsets {@code from} up to (not including) offsets {@code to}, per partition. */
    public static List<ConsumerRecord<String, String>> read(String topic, Map<TopicPartition, Long> from,
            Map<TopicPartition, Long> to) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            return readUpTo(consumer, topic, to);
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        Map<String, Object> config = new HashMap<>(admin());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config);
    }

    /** Polls the assigned partitions until each has reached its offset in {@code end}; keeps what lies before it. */
    private static List<ConsumerRecord<String, String>> readUpTo(KafkaConsumer<String, String> consumer, String topic,
            Map<TopicPartition, Long> end) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (consumer.assignment().stream()
                .anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.getOrDefault(p, 0L))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read " + topic + " to its end within 60 s");
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() < end.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L)) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    /**
     * Sends one raw record as the admin, as a faulty producer or an operator's tool might, and waits for the
     * broker's acknowledgement.
     */
    static void send(String topic, String key, String value) throws Exception {
        send(admin(), topic, key, value);
    }

    /** Sends one raw record with the client settings {@code client} (whose credentials, if any) and waits. */
    static void send(Map<String, Object> client, String topic, String key, String value) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Sends {@code values} as the admin in one go, the record at index i with key {@code key(i)}; waits for all. */
    static void sendAll(String topic, List<String> values, IntFunction<String> key) throws Exception {
        Map<String, Object> config = new HashMap<>(admin());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, key.apply(i), values.get(i))));
            }
            for (Future<RecordMetadata> one : sent) {
                one.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The end offset of each partition of {@code topic}: where the next record will go. */
    static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(30));
        }
    }

    /**
     * Lets {@code user} read as consumer group {@code group}, as an operator does before a replay by a fresh group:
     * each service's user may otherwise read in its own group only.
     */
    static void allowGroup(String user, String group) throws Exception {
        try (Admin admin = Admin.create(admin())) {
            admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL),
                    new AccessControlEntry("User:" + user, "*", AclOperation.READ, AclPermissionType.ALLOW))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    /** A record header as text, or null. */
    static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * How far {@code group} is behind, per topic: the sum over the topic's partitions of end offset minus committed
     * offset (a partition without a committed offset counts from 0). A topic on which the group has committed
     * nothing yet is missing from the answer.
     */
    static Map<String, Long> lag(String group, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(admin())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var description : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                description.partitions().forEach(p ->
                        latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            Map<String, Long> lag = new HashMap<>();
            for (String topic : topics) {
                boolean anyCommit = committed.keySet().stream().anyMatch(p -> p.topic().equals(topic));
                if (!anyCommit) {
                    continue;
                }
                long behind = 0;
                for (var end : ends.entrySet()) {
                    if (end.getKey().topic().equals(topic)) {
                        OffsetAndMetadata offset = committed.get(end.getKey());
                        behind += end.getValue().offset() - (offset == null ? 0 : offset.offset());
                    }
                }
                lag.put(topic, behind);
            }
            return lag;
        }
    }
}
