package clinic.bfrguard.session.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class GuidelinePolicyTests {

    private static final GuidelinePolicy DEFAULTS = new GuidelinePolicy(new BigDecimal("40"), 7, 4);

    @Test
    void loadOfFortyPercentIsWithinGuidance() {
        assertThat(DEFAULTS.loadDeviation("Leg press", Limb.LEFT_THIGH, new BigDecimal("40"))).isEmpty();
        assertThat(DEFAULTS.loadDeviation("Leg press", Limb.LEFT_THIGH, new BigDecimal("40.0"))).isEmpty();
    }

    @Test
    void loadAboveFortyPercentIsADeviation() {
        assertThat(DEFAULTS.loadDeviation("Leg press", Limb.LEFT_THIGH, new BigDecimal("41")))
                .hasValueSatisfying(d -> {
                    assertThat(d.rule()).isEqualTo(DeviationRule.LOAD);
                    assertThat(d.actual()).isEqualByComparingTo("41");
                    assertThat(d.limit()).isEqualByComparingTo("40");
                    assertThat(d.unit()).isEqualTo("%1RM");
                    assertThat(d.exercise()).isEqualTo("Leg press");
                    assertThat(d.limb()).isEqualTo(Limb.LEFT_THIGH);
                    assertThat(d.message()).contains("41 % 1RM").contains("40 % 1RM");
                });
        assertThat(DEFAULTS.loadDeviation("Leg press", Limb.LEFT_THIGH, new BigDecimal("40.5"))).isPresent();
    }

    @Test
    void perceivedPressureOfSevenIsWithinGuidance() {
        assertThat(DEFAULTS.pressureDeviation(Limb.RIGHT_ARM, 7)).isEmpty();
    }

    @Test
    void perceivedPressureOfEightIsADeviation() {
        assertThat(DEFAULTS.pressureDeviation(Limb.RIGHT_ARM, 8)).hasValueSatisfying(d -> {
            assertThat(d.rule()).isEqualTo(DeviationRule.PERCEIVED_PRESSURE);
            assertThat(d.actual()).isEqualByComparingTo("8");
            assertThat(d.limit()).isEqualByComparingTo("7");
            assertThat(d.unit()).isEqualTo("/10");
            assertThat(d.limb()).isEqualTo(Limb.RIGHT_ARM);
        });
    }

    @Test
    void fourSetsOfAnExerciseAreWithinGuidance() {
        assertThat(DEFAULTS.setsDeviation("Curl", Limb.LEFT_ARM, 4)).isEmpty();
    }

    @Test
    void theFifthSetOfAnExerciseIsADeviation() {
        assertThat(DEFAULTS.setsDeviation("Curl", Limb.LEFT_ARM, 5)).hasValueSatisfying(d -> {
            assertThat(d.rule()).isEqualTo(DeviationRule.SETS_PER_EXERCISE);
            assertThat(d.actual()).isEqualByComparingTo("5");
            assertThat(d.limit()).isEqualByComparingTo("4");
            assertThat(d.unit()).isEqualTo("sets");
        });
    }

    @Test
    void limitsComeFromPolicy() {
        GuidelinePolicy strict = new GuidelinePolicy(new BigDecimal("30"), 5, 3);
        assertThat(strict.loadDeviation("Curl", Limb.LEFT_ARM, new BigDecimal("31"))).isPresent();
        assertThat(strict.pressureDeviation(Limb.LEFT_ARM, 6)).isPresent();
        assertThat(strict.setsDeviation("Curl", Limb.LEFT_ARM, 4)).isPresent();
    }

    @Test
    void exerciseNamesCountTogetherWhateverTheirCase() {
        assertThat(ExerciseSet.keyOf("  Leg   Press ")).isEqualTo(ExerciseSet.keyOf("leg press"));
    }

    @Test
    void figuresArePlainNumbers() {
        assertThat(Deviation.plain(new BigDecimal("40.0")).toString()).isEqualTo("40");
        assertThat(Deviation.plain(new BigDecimal("4E+1")).toString()).isEqualTo("40");
        assertThat(Deviation.plain(new BigDecimal("32.50")).toString()).isEqualTo("32.5");
    }
}
