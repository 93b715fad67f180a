package clinic.bfrguard.session.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class GuidelinePolicyTests {

    private static final GuidelinePolicy DEFAULTS = new GuidelinePolicy(new BigDecimal("40"), 7, 4);
    private static final Exercise LEG_PRESS = Exercise.of("LEG_PRESS");
    private static final Exercise BICEPS_CURL = Exercise.of("BICEPS_CURL");

    @Test
    void loadOfFortyPercentIsWithinGuidance() {
        assertThat(DEFAULTS.loadDeviation(LEG_PRESS, Limb.LEFT_THIGH, new BigDecimal("40"))).isEmpty();
        assertThat(DEFAULTS.loadDeviation(LEG_PRESS, Limb.LEFT_THIGH, new BigDecimal("40.0"))).isEmpty();
    }

    @Test
    void loadAboveFortyPercentIsADeviation() {
        assertThat(DEFAULTS.loadDeviation(LEG_PRESS, Limb.LEFT_THIGH, new BigDecimal("41")))
                .hasValueSatisfying(d -> {
                    assertThat(d.rule()).isEqualTo(DeviationRule.LOAD);
                    assertThat(d.actual()).isEqualByComparingTo("41");
                    assertThat(d.limit()).isEqualByComparingTo("40");
                    assertThat(d.unit()).isEqualTo("%1RM");
                    assertThat(d.exercise()).isEqualTo("LEG_PRESS");
                    assertThat(d.limb()).isEqualTo(Limb.LEFT_THIGH);
                    assertThat(d.message()).isEqualTo("Leg press at 41 % 1RM; guidance under a band is at most"
                            + " 40 % 1RM");
                });
        assertThat(DEFAULTS.loadDeviation(LEG_PRESS, Limb.LEFT_THIGH, new BigDecimal("40.5"))).isPresent();
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
        assertThat(DEFAULTS.setsDeviation(BICEPS_CURL, Limb.LEFT_ARM, 4)).isEmpty();
    }

    @Test
    void theFifthSetOfAnExerciseIsADeviation() {
        assertThat(DEFAULTS.setsDeviation(BICEPS_CURL, Limb.LEFT_ARM, 5)).hasValueSatisfying(d -> {
            assertThat(d.rule()).isEqualTo(DeviationRule.SETS_PER_EXERCISE);
            assertThat(d.actual()).isEqualByComparingTo("5");
            assertThat(d.limit()).isEqualByComparingTo("4");
            assertThat(d.unit()).isEqualTo("sets");
            assertThat(d.exercise()).isEqualTo("BICEPS_CURL");
            assertThat(d.message()).isEqualTo("Set 5 of Biceps curl; guidance is at most 4 sets per exercise");
        });
    }

    @Test
    void limitsComeFromPolicy() {
        GuidelinePolicy strict = new GuidelinePolicy(new BigDecimal("30"), 5, 3);
        assertThat(strict.loadDeviation(BICEPS_CURL, Limb.LEFT_ARM, new BigDecimal("31"))).isPresent();
        assertThat(strict.pressureDeviation(Limb.LEFT_ARM, 6)).isPresent();
        assertThat(strict.setsDeviation(BICEPS_CURL, Limb.LEFT_ARM, 4)).isPresent();
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
