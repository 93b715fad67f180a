package clinic.bfrguard.screening.domain;

import clinic.bfrguard.screening.config.ScreeningConfigs;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiskScreenTests {

    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");
    private static final BloodPressure NORMAL = new BloodPressure(120, 80);

    private final RiskScreen screen = new RiskScreen(ScreeningConfigs.defaults());

    private ScreeningAssessment assess(BloodPressure bp, ConditionCode... codes) {
        return screen.assess(bp, Set.of(codes), List.of(), NOW);
    }

    @Nested
    class BloodPressureBands {

        @ParameterizedTest(name = "{0}/{1} mmHg -> {2}")
        @CsvSource({
                "159, 80, NONE",
                "160, 80, ELEVATED_BLOOD_PRESSURE",
                "179, 80, ELEVATED_BLOOD_PRESSURE",
                "180, 80, UNCONTROLLED_HYPERTENSION",
                "120, 99, NONE",
                "120, 100, ELEVATED_BLOOD_PRESSURE",
                "120, 109, ELEVATED_BLOOD_PRESSURE",
                "120, 110, UNCONTROLLED_HYPERTENSION",
                "179, 109, ELEVATED_BLOOD_PRESSURE",
                "165, 112, UNCONTROLLED_HYPERTENSION"
        })
        void measuredPressureAddsOneHypertensionCode(int systolic, int diastolic, String expected) {
            ScreeningAssessment result = assess(new BloodPressure(systolic, diastolic));
            if (expected.equals("NONE")) {
                assertThat(result.reasons()).isEmpty();
                assertThat(result.outcome()).isEqualTo(Outcome.CLEARED);
            } else {
                assertThat(result.reasons()).extracting(Reason::code).containsExactly(expected);
                assertThat(result.reasons().get(0).message()).contains("measured " + systolic + "/" + diastolic);
            }
        }

        @Test
        void elevatedPressureNeedsReview() {
            ScreeningAssessment result = assess(new BloodPressure(165, 85));
            assertThat(result.totalPoints()).isEqualTo(3);
            assertThat(result.outcome()).isEqualTo(Outcome.REVIEW_REQUIRED);
        }

        @Test
        void uncontrolledPressureContraindicates() {
            ScreeningAssessment result = assess(new BloodPressure(185, 95));
            assertThat(result.totalPoints()).isEqualTo(5);
            assertThat(result.outcome()).isEqualTo(Outcome.CONTRAINDICATED);
        }

        @Test
        void declaredAndMeasuredHypertensionCountsOnce() {
            ScreeningAssessment result = assess(new BloodPressure(190, 100), ConditionCode.UNCONTROLLED_HYPERTENSION);
            assertThat(result.reasons()).extracting(Reason::code).containsExactly("UNCONTROLLED_HYPERTENSION");
            assertThat(result.totalPoints()).isEqualTo(5);
        }

        @Test
        void neverBothElevatedAndUncontrolled() {
            ScreeningAssessment measuredHigher = assess(new BloodPressure(185, 90), ConditionCode.ELEVATED_BLOOD_PRESSURE);
            assertThat(measuredHigher.reasons()).extracting(Reason::code).containsExactly("UNCONTROLLED_HYPERTENSION");
            assertThat(measuredHigher.totalPoints()).isEqualTo(5);

            ScreeningAssessment declaredHigher = assess(new BloodPressure(165, 90), ConditionCode.UNCONTROLLED_HYPERTENSION);
            assertThat(declaredHigher.reasons()).extracting(Reason::code).containsExactly("UNCONTROLLED_HYPERTENSION");
            assertThat(declaredHigher.totalPoints()).isEqualTo(5);
        }

        @Test
        void declaredElevatedWithElevatedMeasurementCountsOnce() {
            ScreeningAssessment result = assess(new BloodPressure(170, 90), ConditionCode.ELEVATED_BLOOD_PRESSURE);
            assertThat(result.reasons()).extracting(Reason::code).containsExactly("ELEVATED_BLOOD_PRESSURE");
            assertThat(result.totalPoints()).isEqualTo(3);
        }
    }

    @Nested
    class Totals {

        @Test
        void zeroPointsClears() {
            ScreeningAssessment result = assess(NORMAL);
            assertThat(result.totalPoints()).isZero();
            assertThat(result.outcome()).isEqualTo(Outcome.CLEARED);
        }

        @Test
        void onePointNeedsReview() {
            ScreeningAssessment result = assess(NORMAL, ConditionCode.DIABETES);
            assertThat(result.totalPoints()).isEqualTo(1);
            assertThat(result.outcome()).isEqualTo(Outcome.REVIEW_REQUIRED);
        }

        @Test
        void fourPointsStillOnlyNeedReview() {
            ScreeningAssessment result = assess(NORMAL, ConditionCode.PREGNANCY);
            assertThat(result.totalPoints()).isEqualTo(4);
            assertThat(result.outcome()).isEqualTo(Outcome.REVIEW_REQUIRED);
        }

        @Test
        void fivePointsContraindicate() {
            ScreeningAssessment result = assess(NORMAL, ConditionCode.PREGNANCY, ConditionCode.DIABETES);
            assertThat(result.totalPoints()).isEqualTo(5);
            assertThat(result.outcome()).isEqualTo(Outcome.CONTRAINDICATED);
        }

        @Test
        void pointsAddUpAcrossConditionsAndPressure() {
            ScreeningAssessment result = assess(new BloodPressure(162, 80), ConditionCode.MALIGNANCY,
                    ConditionCode.AGE_OVER_60);
            assertThat(result.totalPoints()).isEqualTo(3 + 2 + 1);
            assertThat(result.reasons()).hasSize(3);
        }
    }

    @ParameterizedTest
    @EnumSource(ConditionCode.class)
    void everyCodeCountsItsPointsOnce(ConditionCode code) {
        BloodPressure bp = code == ConditionCode.ELEVATED_BLOOD_PRESSURE ? new BloodPressure(170, 80) : NORMAL;
        ScreeningAssessment result = assess(bp, code);
        assertThat(result.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(code.name());
            assertThat(reason.points()).isEqualTo(code.defaultPoints());
            assertThat(reason.message()).startsWith(code.description());
        });
        assertThat(result.totalPoints()).isEqualTo(code.defaultPoints());
    }

    @Test
    void defaultPointsAreDomainMds() {
        assertThat(Map.of(
                ConditionCode.HISTORY_OF_THROMBOSIS, 5, ConditionCode.CIRCULATORY_DISORDER, 5,
                ConditionCode.UNCONTROLLED_HYPERTENSION, 5, ConditionCode.CLOTTING_DISORDER, 5,
                ConditionCode.SICKLE_CELL_DISEASE, 5, ConditionCode.ACUTE_ILLNESS_OR_FEVER, 5,
                ConditionCode.CARDIAC_ARRHYTHMIA_OR_ISCHAEMIA, 5, ConditionCode.EARLY_POSTOPERATIVE_PERIOD, 5,
                ConditionCode.PREGNANCY, 4, ConditionCode.VARICOSE_VEINS, 4))
                .allSatisfy((code, points) -> assertThat(code.defaultPoints()).as(code.name()).isEqualTo(points));
        assertThat(Map.of(
                ConditionCode.ELEVATED_BLOOD_PRESSURE, 3, ConditionCode.HEART_FAILURE_OR_ATRIAL_FIBRILLATION, 3,
                ConditionCode.LIMB_REVASCULARISATION_OR_GRAFT, 3, ConditionCode.MALIGNANCY, 2,
                ConditionCode.KIDNEY_DISEASE, 2, ConditionCode.AGE_OVER_60, 1, ConditionCode.BMI_OVER_30, 1,
                ConditionCode.ESTROGEN_THERAPY, 1, ConditionCode.RECENT_IMMOBILISATION, 1, ConditionCode.DIABETES, 1))
                .allSatisfy((code, points) -> assertThat(code.defaultPoints()).as(code.name()).isEqualTo(points));
        assertThat(ConditionCode.values()).hasSize(20);
    }

    @Test
    void configuredPointsOverrideTheDefaults() {
        RiskScreen strict = new RiskScreen(ScreeningConfigs.policy(Map.of("clinic.screening.points.PREGNANCY", "5")));
        ScreeningAssessment result = strict.assess(NORMAL, Set.of(ConditionCode.PREGNANCY), List.of(), NOW);
        assertThat(result.totalPoints()).isEqualTo(5);
        assertThat(result.outcome()).isEqualTo(Outcome.CONTRAINDICATED);
        assertThat(result.reasons().get(0).message()).endsWith("5 points");
    }

    @Test
    void configuredThresholdsDecideTheOutcome() {
        ScreeningPolicy lenient = new ScreeningPolicy(Map.of(), 2, 6, 180, 110, 160, 100, java.time.Period.ofDays(30));
        RiskScreen screen = new RiskScreen(lenient);
        assertThat(screen.outcome(1)).isEqualTo(Outcome.CLEARED);
        assertThat(screen.outcome(5)).isEqualTo(Outcome.REVIEW_REQUIRED);
        assertThat(screen.outcome(6)).isEqualTo(Outcome.CONTRAINDICATED);
        assertThat(screen.assess(NORMAL, Set.of(), List.of(), NOW).validUntil())
                .isEqualTo(Instant.parse("2026-03-31T09:30:00Z"));
    }

    @Test
    void invalidPolicyIsRefused() {
        assertThatThrownBy(() -> ScreeningConfigs.policy(Map.of("clinic.screening.points.DIABETES", "-1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScreeningPolicy(Map.of(), 5, 5, 180, 110, 160, 100, java.time.Period.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validForNinetyDays() {
        assertThat(assess(NORMAL).validUntil()).isEqualTo(Instant.parse("2026-05-30T09:30:00Z"));
    }

    @Test
    void limbRestrictionsAreCarriedThroughWithoutPoints() {
        LimbRestriction fistula = new LimbRestriction(LimbConditionCode.LIMB_DIALYSIS_ACCESS, Limb.LEFT_ARM);
        ScreeningAssessment result = screen.assess(NORMAL, Set.of(), List.of(fistula, fistula), NOW);
        assertThat(result.limbRestrictions()).containsExactly(fistula);
        assertThat(result.totalPoints()).isZero();
        assertThat(result.outcome()).isEqualTo(Outcome.CLEARED);
    }
}
