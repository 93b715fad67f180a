package clinic.bfrguard.alert.domain;

import clinic.bfrguard.alert.domain.AlertMessages.ScreeningReason;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CausesTests {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void screeningOutcomesMapToTheirAlerts() {
        UUID screening = UUID.randomUUID();
        assertThat(completed(screening, ScreeningOutcome.CLEARED)).isEmpty();
        Cause contraindicated = completed(screening, ScreeningOutcome.CONTRAINDICATED).orElseThrow();
        assertThat(contraindicated.type()).isEqualTo(AlertType.CONTRAINDICATION_FLAGGED);
        assertThat(contraindicated.severity()).isEqualTo(Severity.HIGH);
        assertThat(contraindicated.screeningId()).isEqualTo(screening);
        Cause review = completed(screening, ScreeningOutcome.REVIEW_REQUIRED).orElseThrow();
        assertThat(review.type()).isEqualTo(AlertType.CLEARANCE_REQUIRED);
        assertThat(review.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void bandEventsMapToWarningAndOverrunOfThatBand() {
        UUID band = UUID.randomUUID();
        Cause warning = Causes.bandTimeWarning("P-1", UUID.randomUUID(), band, "LEFT_ARM", T0, T0.plusSeconds(900),
                T0.plusSeconds(600));
        Cause overrun = Causes.bandTimeOverrun("P-1", UUID.randomUUID(), band, "LEFT_ARM", T0, 900L,
                T0.plusSeconds(901));
        assertThat(warning.type()).isEqualTo(AlertType.BAND_TIME_WARNING);
        assertThat(warning.severity()).isEqualTo(Severity.WARNING);
        assertThat(overrun.type()).isEqualTo(AlertType.BAND_TIME_OVERRUN);
        assertThat(overrun.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(overrun.bandId()).isEqualTo(band);
        assertThat(warning.dedupKey()).isNotEqualTo(overrun.dedupKey());
        assertThat(overrun.message()).isEqualTo("Patient P-1: release the band on the left upper arm now: on for 15"
                + " min 01 s, limit 15 min");
    }

    @Test
    void symptomsAndDeviationsMapWithTheirSeverity() {
        UUID session = UUID.randomUUID();
        Cause numbness = Causes.adverseSymptom("P-1", session, Symptom.NUMBNESS, T0);
        assertThat(numbness.type()).isEqualTo(AlertType.ADVERSE_SYMPTOM);
        assertThat(numbness.severity()).isEqualTo(Severity.CRITICAL);
        Cause deviation = Causes.guidelineDeviation("P-1", session, null, DeviationRule.LOAD, "LEFT_THIGH",
                "LEG_PRESS", new BigDecimal("50"), new BigDecimal("40"), "%1RM", T0);
        assertThat(deviation.type()).isEqualTo(AlertType.GUIDELINE_DEVIATION);
        assertThat(deviation.severity()).isEqualTo(Severity.WARNING);
    }

    private static Optional<Cause> completed(UUID id, ScreeningOutcome outcome) {
        return Causes.screeningCompleted("P-1", id, outcome, 3,
                List.of(new ScreeningReason("ELEVATED_BLOOD_PRESSURE", 3)), T0);
    }
}
