package clinic.bfrguard.alert.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncomingEventsTests {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void recordsWithoutTheFieldsAnAlertNeedsAreRefused() {
        assertThatThrownBy(() -> new IncomingEvents.BandTimeOverrun(UUID.randomUUID(), "north", null, "LEFT_ARM",
                T0, T0, 900L, T0)).hasMessageContaining("bandId");
        assertThatThrownBy(() -> new IncomingEvents.SymptomReported(UUID.randomUUID(), "north", null, null, null,
                null, T0)).hasMessageContaining("symptom");
    }
}
