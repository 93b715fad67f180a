package clinic.bfrguard.common.events;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a consumer does with each event type of one topic: the data type an event of that type is read as, and
 * what applying it means. Types of the topic's contract that this consumer has no use for are named as ignored; any
 * other type breaks the contract and is dead-lettered, as is an event whose source is not the topic's producer.
 */
public final class EventRoutes {

    /** Applies one event's data; runs in the transaction that records the event as applied. */
    @FunctionalInterface
    public interface Handler<T> {
        void apply(EventEnvelope envelope, T data);
    }

    record Route<T>(Class<T> dataType, Handler<T> handler) {
        void apply(EventEnvelope envelope, Object data) {
            handler.apply(envelope, dataType.cast(data));
        }
    }

    private final String topic;
    private final String producer;
    private final Map<String, Route<?>> routes;
    private final Set<String> ignored;

    private EventRoutes(String topic, String producer, Map<String, Route<?>> routes, Set<String> ignored) {
        this.topic = topic;
        this.producer = producer;
        this.routes = Map.copyOf(routes);
        this.ignored = Set.copyOf(ignored);
    }

    /** The routes of {@code topic}, one of the {@link EventContract}'s: its producer is known from there. */
    public static Builder of(String topic) {
        return new Builder(topic, EventContract.producerOf(topic).orElseThrow(() -> new IllegalArgumentException(
                "topic " + topic + " is not a topic of the event contract")));
    }

    public String topic() {
        return topic;
    }

    /** The one service whose events this topic carries ({@link EventContract#producerOf}). */
    public String producer() {
        return producer;
    }

    /**
     * Refuses, as an event that can never apply, one whose {@code source} is not this topic's producer: anyone who
     * can write to the broker could otherwise clear a screening or silence an alarm.
     */
    public void checkSource(EventEnvelope envelope) {
        if (!producer.equals(envelope.source())) {
            throw new InvalidEventException("event " + envelope.id() + ": source '" + shortened(envelope.source())
                    + "' is not the producer of " + topic);
        }
    }

    /** A value the record's writer chose, cut short for the log and the dead-letter header. */
    private static String shortened(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }

    boolean ignores(String type) {
        return ignored.contains(type);
    }

    Optional<Route<?>> route(String type) {
        return Optional.ofNullable(routes.get(type));
    }

    public static final class Builder {
        private final String topic;
        private final String producer;
        private final Map<String, Route<?>> routes = new HashMap<>();
        private final Set<String> ignored = new HashSet<>();

        private Builder(String topic, String producer) {
            this.topic = topic;
            this.producer = producer;
        }

        /**
         * Events of {@code type} are read as {@code dataType} (whose constructor may reject incomplete data with
         * an {@link IllegalArgumentException}) and applied by {@code handler}.
         */
        public <T> Builder on(String type, Class<T> dataType, Handler<T> handler) {
            if (routes.put(type, new Route<>(dataType, handler)) != null || ignored.contains(type)) {
                throw new IllegalArgumentException("event type " + type + " routed twice");
            }
            return this;
        }

        /** Types of the topic's contract that change nothing here. */
        public Builder ignore(String... types) {
            for (String type : types) {
                if (routes.containsKey(type) || !ignored.add(type)) {
                    throw new IllegalArgumentException("event type " + type + " routed twice");
                }
            }
            return this;
        }

        public EventRoutes build() {
            return new EventRoutes(topic, producer, routes, ignored);
        }
    }
}
