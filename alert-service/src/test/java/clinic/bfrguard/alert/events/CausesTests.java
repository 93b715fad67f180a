package clinic.bfrguard.alert.events;

import clinic.bfrguard.alert.domain.AlertType;
import clinic.bfrguard.alert.domain.Cause;
import clinic.bfrguard.alert.domain.DeviationRule;
import clinic.bfrguard.alert.domain.Severity;
import clinic.bfrguard.alert.domain.Symptom;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CausesTests {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void screeningOutcomesMapToTheirAlerts() {
        UUID screening = UUID.randomUUID();
        assertThat(Causes.of("P-1", completed(screening, IncomingEvents.Outcome.CLEARED))).isEmpty();
        Cause contraindicated = Causes.of("P-1", completed(screening, IncomingEvents.Outcome.CONTRAINDICATED)).orElseThrow();
        assertThat(contraindicated.type()).isEqualTo(AlertType.CONTRAINDICATION_FLAGGED);
        assertThat(contraindicated.severity()).isEqualTo(Severity.HIGH);
        assertThat(contraindicated.screeningId()).isEqualTo(screening);
        Cause review = Causes.of("P-1", completed(screening, IncomingEvents.Outcome.REVIEW_REQUIRED)).orElseThrow();
        assertThat(review.type()).isEqualTo(AlertType.CLEARANCE_REQUIRED);
        assertThat(review.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void bandEventsMapToWarningAndOverrunOfThatBand() {
        UUID band = UUID.randomUUID();
        Cause warning = Causes.of("P-1", new IncomingEvents.BandTimeWarning(UUID.randomUUID(), band, "LEFT_ARM", T0,
                T0.plusSeconds(600), T0.plusSeconds(900), T0.plusSeconds(600)));
        Cause overrun = Causes.of("P-1", new IncomingEvents.BandTimeOverrun(UUID.randomUUID(), band, "LEFT_ARM", T0,
                T0.plusSeconds(900), 900L, T0.plusSeconds(901)));
        assertThat(warning.type()).isEqualTo(AlertType.BAND_TIME_WARNING);
        assertThat(warning.severity()).isEqualTo(Severity.WARNING);
        assertThat(overrun.type()).isEqualTo(AlertType.BAND_TIME_OVERRUN);
        assertThat(overrun.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(overrun.bandId()).isEqualTo(band);
        assertThat(warning.dedupKey()).isNotEqualTo(overrun.dedupKey());
        assertThat(overrun.message()).isEqualTo("Patient P-1: release the band on LEFT_ARM now: on for 15 min 01 s,"
                + " limit 15 min");
    }

    @Test
    void symptomsAndDeviationsMapWithTheirSeverity() {
        UUID session = UUID.randomUUID();
        Cause numbness = Causes.of("P-1", new IncomingEvents.SymptomReported(session, UUID.randomUUID(),
                Symptom.NUMBNESS, "note", "physio1", T0));
        assertThat(numbness.type()).isEqualTo(AlertType.ADVERSE_SYMPTOM);
        assertThat(numbness.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(numbness.message()).doesNotContain("note");
        Cause deviation = Causes.of("P-1", new IncomingEvents.GuidelineDeviation(session, DeviationRule.LOAD,
                "LEFT_THIGH", "LEG_PRESS", null, UUID.randomUUID(), new BigDecimal("50"), new BigDecimal("40"),
                "%1RM", "words", T0));
        assertThat(deviation.type()).isEqualTo(AlertType.GUIDELINE_DEVIATION);
        assertThat(deviation.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void recordsWithoutTheFieldsAnAlertNeedsAreRefused() {
        assertThatThrownBy(() -> new IncomingEvents.BandTimeOverrun(UUID.randomUUID(), null, "LEFT_ARM", T0, T0,
                900L, T0)).hasMessageContaining("bandId");
        assertThatThrownBy(() -> new IncomingEvents.SymptomReported(UUID.randomUUID(), null, null, null, null, T0))
                .hasMessageContaining("symptom");
    }

    private static IncomingEvents.ScreeningCompleted completed(UUID id, IncomingEvents.Outcome outcome) {
        return new IncomingEvents.ScreeningCompleted(id, outcome, 3,
                List.of(new IncomingEvents.Reason("ELEVATED_BLOOD_PRESSURE", 3, "BP")), "physio1", T0,
                T0.plusSeconds(86400));
    }
}
