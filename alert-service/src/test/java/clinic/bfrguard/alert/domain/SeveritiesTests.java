package clinic.bfrguard.alert.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class SeveritiesTests {

    @Test
    void eachTypeHasDomainSeverity() {
        assertThat(Severities.of(AlertType.CONTRAINDICATION_FLAGGED)).isEqualTo(Severity.HIGH);
        assertThat(Severities.of(AlertType.CLEARANCE_REQUIRED)).isEqualTo(Severity.INFO);
        assertThat(Severities.of(AlertType.BAND_TIME_WARNING)).isEqualTo(Severity.WARNING);
        assertThat(Severities.of(AlertType.BAND_TIME_OVERRUN)).isEqualTo(Severity.CRITICAL);
        assertThat(Severities.of(AlertType.ADVERSE_SYMPTOM)).isEqualTo(Severity.HIGH);
        assertThat(Severities.of(AlertType.GUIDELINE_DEVIATION)).isEqualTo(Severity.WARNING);
    }

    @ParameterizedTest
    @EnumSource(value = Symptom.class, names = {"NUMBNESS", "DIZZINESS", "SKIN_DISCOLOURATION"})
    void nerveAndPerfusionSymptomsAreCritical(Symptom symptom) {
        assertThat(Severities.ofSymptom(symptom)).isEqualTo(Severity.CRITICAL);
    }

    @ParameterizedTest
    @EnumSource(value = Symptom.class, names = {"PAIN", "TINGLING", "OTHER"})
    void otherSymptomsAreHigh(Symptom symptom) {
        assertThat(Severities.ofSymptom(symptom)).isEqualTo(Severity.HIGH);
    }

    @Test
    void onlySessionScopedCausesRecurAfterResolution() {
        assertThat(AlertType.ADVERSE_SYMPTOM.recursAfterResolution()).isTrue();
        assertThat(AlertType.GUIDELINE_DEVIATION.recursAfterResolution()).isTrue();
        assertThat(AlertType.CLEARANCE_REQUIRED.recursAfterResolution()).isFalse();
        assertThat(AlertType.CONTRAINDICATION_FLAGGED.recursAfterResolution()).isFalse();
        assertThat(AlertType.BAND_TIME_WARNING.recursAfterResolution()).isFalse();
        assertThat(AlertType.BAND_TIME_OVERRUN.recursAfterResolution()).isFalse();
    }
}
