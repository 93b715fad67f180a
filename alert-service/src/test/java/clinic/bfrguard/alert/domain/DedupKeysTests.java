package clinic.bfrguard.alert.domain;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DedupKeysTests {

    private final UUID session = UUID.randomUUID();

    @Test
    void screeningAlertsAreKeyedByScreeningAndType() {
        UUID screening = UUID.randomUUID();
        assertThat(DedupKeys.screening(AlertType.CLEARANCE_REQUIRED, screening))
                .isEqualTo(DedupKeys.screening(AlertType.CLEARANCE_REQUIRED, screening))
                .isNotEqualTo(DedupKeys.screening(AlertType.CLEARANCE_REQUIRED, UUID.randomUUID()))
                .isNotEqualTo(DedupKeys.screening(AlertType.CONTRAINDICATION_FLAGGED, screening));
    }

    @Test
    void aBandsWarningAndOverrunAreTwoCauses() {
        UUID band = UUID.randomUUID();
        assertThat(DedupKeys.band(AlertType.BAND_TIME_WARNING, band))
                .isNotEqualTo(DedupKeys.band(AlertType.BAND_TIME_OVERRUN, band))
                .isNotEqualTo(DedupKeys.band(AlertType.BAND_TIME_WARNING, UUID.randomUUID()));
    }

    @Test
    void aSymptomAlertsKeyNamesItsSymptomAndNoOtherKeyDoes() {
        assertThat(DedupKeys.symptomOf(DedupKeys.symptom(session, Symptom.NUMBNESS))).contains(Symptom.NUMBNESS);
        assertThat(DedupKeys.symptomOf(DedupKeys.band(AlertType.BAND_TIME_OVERRUN, UUID.randomUUID()))).isEmpty();
        assertThat(DedupKeys.symptomOf(null)).isEmpty();
    }

    @Test
    void symptomsAreKeyedBySessionAndSymptom() {
        assertThat(DedupKeys.symptom(session, Symptom.NUMBNESS)).isEqualTo(DedupKeys.symptom(session, Symptom.NUMBNESS))
                .isNotEqualTo(DedupKeys.symptom(session, Symptom.PAIN))
                .isNotEqualTo(DedupKeys.symptom(UUID.randomUUID(), Symptom.NUMBNESS));
    }

    @Test
    void loadAndSetsDeviationsAreAboutTheExercise() {
        assertThat(DedupKeys.deviation(session, DeviationRule.LOAD, "LEFT_THIGH", "LEG_PRESS"))
                .isEqualTo(DedupKeys.deviation(session, DeviationRule.LOAD, "RIGHT_THIGH", "LEG_PRESS"))
                .isNotEqualTo(DedupKeys.deviation(session, DeviationRule.LOAD, "LEFT_THIGH", "SQUAT"))
                .isNotEqualTo(DedupKeys.deviation(session, DeviationRule.SETS_PER_EXERCISE, "LEFT_THIGH", "LEG_PRESS"));
    }

    @Test
    void pressureAndReperfusionDeviationsAreAboutTheLimb() {
        assertThat(DedupKeys.deviation(session, DeviationRule.PERCEIVED_PRESSURE, "LEFT_ARM", null))
                .isEqualTo(DedupKeys.deviation(session, DeviationRule.PERCEIVED_PRESSURE, "LEFT_ARM", "CURL"))
                .isNotEqualTo(DedupKeys.deviation(session, DeviationRule.PERCEIVED_PRESSURE, "RIGHT_ARM", null))
                .isNotEqualTo(DedupKeys.deviation(session, DeviationRule.REPERFUSION, "LEFT_ARM", null));
    }

    @Test
    void aMissingSubjectFallsBackToTheOtherOne() {
        assertThat(DedupKeys.deviation(session, DeviationRule.LOAD, "LEFT_ARM", null)).endsWith(":LOAD:LEFT_ARM");
        assertThat(DedupKeys.deviation(session, DeviationRule.REPERFUSION, null, null)).endsWith(":REPERFUSION:-");
    }
}
