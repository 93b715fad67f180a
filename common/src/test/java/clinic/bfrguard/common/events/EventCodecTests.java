package clinic.bfrguard.common.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTests {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final EventCodec codec = new EventCodec(mapper);

    record Data(String bandId, int minutes) {
    }

    @Test
    void envelopeSurvivesTheRoundTrip() {
        EventEnvelope sent = new EventEnvelope(UUID.randomUUID(), "BandTimeOverrun", "session-service",
                Instant.parse("2026-03-01T10:00:00Z"), "P-1", codec.toTree(new Data("b-1", 20)));
        String json = codec.write(sent);
        assertThat(json).contains("\"time\":\"2026-03-01T10:00:00Z\"");
        EventEnvelope read = codec.read(json);
        assertThat(read).isEqualTo(sent);
        assertThat(codec.dataAs(read, Data.class)).isEqualTo(new Data("b-1", 20));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "not json", "[1,2]", "42",
            "{\"type\":\"X\",\"source\":\"s\",\"time\":\"2026-03-01T10:00:00Z\",\"patientId\":\"P\",\"data\":{}}",
            "{\"id\":\"nope\",\"type\":\"X\",\"source\":\"s\",\"time\":\"2026-03-01T10:00:00Z\",\"patientId\":\"P\",\"data\":{}}",
            "{\"id\":\"6f1c7d4e-8a3b-4c2d-9e1f-0a1b2c3d4e5f\",\"source\":\"s\",\"time\":\"2026-03-01T10:00:00Z\",\"patientId\":\"P\",\"data\":{}}",
            "{\"id\":\"6f1c7d4e-8a3b-4c2d-9e1f-0a1b2c3d4e5f\",\"type\":\"X\",\"source\":\"s\",\"time\":\"yesterday\",\"patientId\":\"P\",\"data\":{}}",
            "{\"id\":\"6f1c7d4e-8a3b-4c2d-9e1f-0a1b2c3d4e5f\",\"type\":\"X\",\"source\":\"s\",\"time\":\"2026-03-01T10:00:00Z\",\"data\":{}}",
            "{\"id\":\"6f1c7d4e-8a3b-4c2d-9e1f-0a1b2c3d4e5f\",\"type\":\"X\",\"source\":\"s\",\"time\":\"2026-03-01T10:00:00Z\",\"patientId\":\"P\"}"
    })
    void incompleteRecordsAreInvalid(String json) {
        assertThatThrownBy(() -> codec.read(json)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void dataOfTheWrongShapeIsInvalid() {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), "X", "s", Instant.now(), "P",
                codec.toTree(Map.of("minutes", "many")));
        assertThatThrownBy(() -> codec.dataAs(envelope, Data.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not a valid Data")
                .hasMessageContaining("'minutes' has the wrong type")
                .hasMessageNotContaining("many");
    }

    record Checked(String bandId) {
        Checked {
            if (bandId == null) {
                throw new IllegalArgumentException("missing 'bandId'");
            }
        }
    }

    @Test
    void theDataTypesOwnValidationNamesTheField() {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), "X", "s", Instant.now(), "P",
                codec.toTree(Map.of("other", "x")));
        assertThatThrownBy(() -> codec.dataAs(envelope, Checked.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageEndingWith("not a valid Checked: missing 'bandId'");
    }

    @Test
    void notJsonSaysWhereButDoesNotQuoteTheRecord() {
        assertThatThrownBy(() -> codec.read("patient Jane Doe"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("record value is not JSON")
                .hasMessageNotContaining("Jane");
    }
}
