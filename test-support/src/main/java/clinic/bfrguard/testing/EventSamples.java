package clinic.bfrguard.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The contract between a topic's producer and its consumers, as sample envelopes: one per event type, under
 * {@code event-samples/<topic>/<type>.json}. The producer's tests record what the service really publishes and fail
 * when its shape differs from the committed sample; the consumers' tests build every envelope they send from that
 * sample, and may set only fields it has. So a change of payload fails a test on both sides until the sample, and
 * every consumer, agree with it.
 * <p>
 * A producer's test records a new sample when run with {@code -Devent-samples.write=true}.
 */
public final class EventSamples {

    public static final String WRITE_PROPERTY = "event-samples.write";
    private static final String FOLDER = "event-samples";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EventSamples() {
    }

    /** The committed sample, as the producer published it. */
    public static ObjectNode sample(String topic, String type) {
        String resource = FOLDER + "/" + topic + "/" + type + ".json";
        try (InputStream in = EventSamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + resource + ": " + type + " is not an event its "
                        + "producer publishes on " + topic);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new envelope of {@code type} built from the sample: a fresh id, the time now, {@code patientId}, and the
     * sample's data with {@code data}'s fields set over it. Every field set must be one the sample has. Ids the
     * caller does not set are fresh, and times it does not set keep their distance from the envelope's time, so
     * that tests never share a record's identity.
     */
    public static String envelope(String topic, String type, String patientId, Map<String, ?> data) {
        return envelope(UUID.randomUUID(), topic, type, patientId, data);
    }

    public static String envelope(UUID id, String topic, String type, String patientId, Map<String, ?> data) {
        ObjectNode envelope = sample(topic, type);
        Instant recorded = Instant.parse(envelope.get("time").asText());
        Instant now = Instant.now();
        ObjectNode fields = (ObjectNode) envelope.get("data");
        refresh(fields, Duration.between(recorded, now));
        for (Map.Entry<String, ?> field : data.entrySet()) {
            if (!fields.has(field.getKey())) {
                throw new IllegalArgumentException("the producer's " + type + " has no field '" + field.getKey()
                        + "'; its fields: " + shape(fields).keySet());
            }
            fields.set(field.getKey(), JSON.valueToTree(field.getValue() instanceof Instant || field.getValue()
                    instanceof UUID ? field.getValue().toString() : field.getValue()));
        }
        envelope.put("id", id.toString());
        envelope.put("time", now.toString());
        envelope.put("patientId", patientId);
        try {
            return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks what a producer published against its committed sample: the same fields, with values of the same
     * kinds, at every level. With {@code -Devent-samples.write=true} it records {@code published} as the sample.
     */
    public static void verify(String topic, String published) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(published);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not an envelope: " + published, e);
        }
        String type = envelope.get("type").asText();
        Path file = sourceFolder().resolve(topic).resolve(type + ".json");
        try {
            if (Boolean.getBoolean(WRITE_PROPERTY)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, JSON.writeValueAsString(envelope) + "\n");
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError("no committed sample for " + type + " on " + topic + " (" + file
                        + "): record it with -D" + WRITE_PROPERTY + "=true");
            }
            Map<String, String> expected = shape(JSON.readTree(file.toFile()));
            Map<String, String> actual = shape(envelope);
            if (!expected.equals(actual)) {
                throw new AssertionError("the " + type + " event on " + topic + " no longer has the shape of its "
                        + "sample " + file + "\n  sample:    " + expected + "\n  published: " + actual
                        + "\nIf the change is intended, record the sample with -D" + WRITE_PROPERTY
                        + "=true and make every consumer's tests pass with it.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Field path to the kind of its value; array elements share the path {@code name[]}. */
    static Map<String, String> shape(JsonNode node) {
        Map<String, String> shape = new TreeMap<>();
        shape("", node, shape);
        return shape;
    }

    private static void shape(String path, JsonNode node, Map<String, String> shape) {
        if (!path.isEmpty()) {
            shape.put(path, node.getNodeType().name());
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                shape(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), shape);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                shape(path + "[]", element, shape);
            }
        }
    }

    private static void refresh(ObjectNode fields, Duration shift) {
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                continue;
            }
            String value = field.getValue().asText();
            if (isUuid(value)) {
                field.setValue(fields.textNode(UUID.randomUUID().toString()));
            } else if (isInstant(value)) {
                field.setValue(fields.textNode(Instant.parse(value).plus(shift).toString()));
            }
        }
    }

    private static boolean isUuid(String value) {
        try {
            return value.length() == 36 && UUID.fromString(value) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isInstant(String value) {
        try {
            Instant.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The samples in the source tree, beside the module whose tests record them. */
    private static Path sourceFolder() {
        Path testSupport = Path.of("").toAbsolutePath().resolveSibling("test-support");
        if (!Files.isDirectory(testSupport)) {
            throw new IllegalStateException("run the producer's tests from its module folder: " + testSupport
                    + " does not exist");
        }
        return testSupport.resolve("src/main/resources").resolve(FOLDER);
    }
}
