package clinic.bfrguard.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a real topic from the beginning, the way a downstream service would, and returns the records of one key.
 * Tests use a fresh patient id per test, so the key isolates a test's records from everything else on the topic.
 */
public final class TopicRecords {

    private TopicRecords() {
    }

    /**
     * Waits until {@code expected} records with {@code key} are on {@code topic} (or {@code timeout} passes), then
     * keeps reading for {@code settle} so that a record too many is seen too.
     */
    public static List<ConsumerRecord<String, String>> withKey(String topic, String key, int expected,
            Duration timeout, Duration settle) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = partitions(consumer, topic, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long settleUntil = Long.MAX_VALUE;
            while (true) {
                long now = System.nanoTime();
                if (now > deadline || now > settleUntil) {
                    return found;
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
                if (found.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + settle.toNanos();
                }
            }
        }
    }

    /** The records of {@code key}, waiting up to 10 s for {@code expected} of them and 1 s more for extras. */
    public static List<ConsumerRecord<String, String>> withKey(String topic, String key, int expected) {
        return withKey(topic, key, expected, Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    /** The topic's partitions once the broker knows it; none if it does not within {@code timeout}. */
    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic,
            Duration timeout) {
        try {
            return Waiting.await("the partitions of " + topic, timeout).until(() -> {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                return infos == null ? List.<TopicPartition>of()
                        : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }, found -> !found.isEmpty());
        } catch (ConditionTimeoutException e) {
            // a topic nobody has written to holds no record of the key
            return List.of();
        }
    }
}
