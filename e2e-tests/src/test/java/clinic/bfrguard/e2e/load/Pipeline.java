package clinic.bfrguard.e2e.load;

import clinic.bfrguard.e2e.KafkaTopics;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The event pipeline between the services as the broker sees it: topic ends, consumer lag, relay delays. */
final class Pipeline implements AutoCloseable {

    static final String SESSION_EVENTS = "session-events";
    static final String SCREENING_EVENTS = "screening-events";
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);

    private final Admin kafka;

    /** {@code admin}: the broker's admin client settings. */
    Pipeline(Map<String, Object> admin) {
        this.kafka = Admin.create(admin);
    }

    record Drain(long nanos, boolean allSeen, long lag) {
    }

    /** Waits until the alert-service has consumed every session event and the stream has shown every alert. */
    Drain drain(AlertFeed feed, Set<String> expected) throws Exception {
        long start = System.nanoTime();
        long deadline = start + DRAIN_TIMEOUT.toNanos();
        long lag;
        boolean allSeen;
        do {
            allSeen = feed.raised.keySet().containsAll(expected);
            lag = lag("alert-service", SESSION_EVENTS);
            if (allSeen && lag == 0) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        long took = System.nanoTime() - start;
        // anything raised twice would have been raised by now; a last look for stragglers
        Thread.sleep(2_000);
        return new Drain(took, allSeen, lag);
    }

    private long endOffset(String topic) throws Exception {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = partitions(topic).stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        kafka.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /**
     * For every session event of a phase: from its time in the envelope (written to the outbox in the session's
     * transaction) to its record's timestamp (the relay handing it to the producer), in nanoseconds.
     */
    static List<Long> relayDelays(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<Long> delays = new ArrayList<>();
        for (ConsumerRecord<String, String> record : KafkaTopics.read(SESSION_EVENTS, from, to)) {
            JsonNode time = Json.parse(record.value()).path("time");
            if (time.isTextual()) {
                delays.add(Duration.between(Instant.parse(time.asText()), Instant.ofEpochMilli(record.timestamp()))
                        .toNanos());
            }
        }
        return delays;
    }

    /** Records of {@code topic} that consumer {@code group} has not committed yet. */
    private long lag(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long consumed = committed.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
        return endOffset(topic) - consumed;
    }

    /** Waits until the session-service has taken in every screening, so that the run starts with eligible patients. */
    void awaitScreeningsKnown() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (lag("session-service", SCREENING_EVENTS) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private List<TopicPartition> partitions(String topic) throws Exception {
        return kafka.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    @Override
    public void close() {
        kafka.close();
    }
}
