package clinic.bfrguard.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Writes envelopes to JSON and reads them back, rejecting records that are not a complete envelope. */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + envelope.type() + " cannot be serialised", e);
        }
    }

    public JsonNode toTree(Object data) {
        return mapper.valueToTree(data);
    }

    public <T> T dataAs(EventEnvelope envelope, Class<T> type) {
        try {
            return mapper.treeToValue(envelope.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("event " + envelope.id() + " of type " + envelope.type()
                    + " has data that is not a valid " + type.getSimpleName() + why(e), e);
        }
    }

    /**
     * Why data did not map, naming the field but never its value: dead-letter reasons end up in logs, and values
     * may be patient data. A data type's own validation (its constructor) speaks for itself.
     */
    private static String why(Exception e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "";
        }
        if (mapping instanceof ValueInstantiationException && mapping.getCause() != null
                && mapping.getCause().getMessage() != null) {
            return ": " + mapping.getCause().getMessage();
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : ": '" + path + "' has the wrong type";
    }

    /** Parses a record value; throws {@link InvalidEventException} naming what is wrong. */
    public EventEnvelope read(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException("record has no value");
        }
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            // Only the position: the parser's own message quotes the record, which may hold patient data.
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new InvalidEventException("record value is not JSON" + where);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEventException("record value is not a JSON object");
        }
        UUID id = uuid(node);
        String type = text(node, "type");
        String source = text(node, "source");
        Instant time = instant(node);
        String patientId = text(node, "patientId");
        JsonNode data = node.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidEventException("event " + id + " has no data object");
        }
        return new EventEnvelope(id, type, source, time, patientId, data);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidEventException("event has no '" + field + "'");
        }
        return value.asText();
    }

    private static UUID uuid(JsonNode node) {
        String id = text(node, "id");
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("event id is not a UUID");
        }
    }

    private static Instant instant(JsonNode node) {
        String time = text(node, "time");
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("event time is not an ISO-8601 instant");
        }
    }
}
