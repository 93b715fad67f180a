package clinic.bfrguard.common.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each topic's one producer, and the consumer's refusal of an envelope that another source signed. */
class EventRoutesTests {

    private final EventCodec codec = new EventCodec(new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
    private final EventRoutes screeningEvents = EventRoutes.of(EventContract.SCREENING_EVENTS)
            .on(EventContract.CLEARANCE_GRANTED, Map.class, (envelope, data) -> {
            })
            .build();

    @Test
    void eachTopicHasItsOneProducer() {
        assertThat(EventContract.producerOf(EventContract.SCREENING_EVENTS)).contains("screening-service");
        assertThat(EventContract.producerOf(EventContract.SESSION_EVENTS)).contains("session-service");
        assertThat(EventContract.producerOf(EventContract.ALERT_EVENTS)).contains("alert-service");
        assertThat(EventContract.producerOf("screening-events.dlq")).isEmpty();
        assertThat(EventRoutes.of(EventContract.SESSION_EVENTS).build().producer()).isEqualTo("session-service");
    }

    @Test
    void routesCanOnlyBeBuiltForATopicOfTheContract() {
        assertThatThrownBy(() -> EventRoutes.of("billing-events"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("billing-events");
    }

    @Test
    void theProducersOwnEventPasses() {
        assertThatCode(() -> screeningEvents.checkSource(read("screening-service"))).doesNotThrowAnyException();
    }

    @Test
    void aClearanceSignedByAnotherServiceCanNeverApply() {
        EventEnvelope forged = read("session-service");
        assertThatThrownBy(() -> screeningEvents.checkSource(forged))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("event " + forged.id() + ": source 'session-service' is not the producer of "
                        + "screening-events");
    }

    @Test
    void theSourceMustMatchExactly() {
        for (String source : List.of("Screening-Service", "screening-service ", "screening", "alert-service")) {
            assertThatThrownBy(() -> screeningEvents.checkSource(read(source))).as(source)
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("is not the producer of screening-events");
        }
    }

    @Test
    void aLongForgedSourceIsCutShortInTheReason() {
        assertThatThrownBy(() -> screeningEvents.checkSource(read("x".repeat(5000))))
                .isInstanceOf(InvalidEventException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(250).contains("x".repeat(100) + "…'"));
    }

    /** An envelope as the consumer reads it off the topic. */
    private EventEnvelope read(String source) {
        return codec.read(codec.write(new EventEnvelope(UUID.randomUUID(), EventContract.CLEARANCE_GRANTED, source,
                Instant.parse("2026-03-01T10:00:00Z"), "P-1",
                codec.toTree(Map.of("screeningId", UUID.randomUUID().toString())))));
    }
}
