package clinic.bfrguard.session.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BandPolicyTests {

    private static final Instant APPLIED = Instant.parse("2026-03-01T09:30:00Z");
    private static final BandPolicy DEFAULTS = new BandPolicy(Duration.ofMinutes(20), Duration.ofMinutes(20),
            Duration.ofMinutes(5), Duration.ofMinutes(3));

    @Test
    void thighDeadlineIsTwentyMinutesAndWarningFiveBefore() {
        BandTiming timing = DEFAULTS.timing(Limb.LEFT_THIGH, APPLIED);
        assertThat(timing.appliedAt()).isEqualTo(APPLIED);
        assertThat(timing.deadline()).isEqualTo(Instant.parse("2026-03-01T09:50:00Z"));
        assertThat(timing.warnAt()).isEqualTo(Instant.parse("2026-03-01T09:45:00Z"));
        assertThat(timing.limitSeconds()).isEqualTo(1200);
    }

    @Test
    void armsDefaultToTheGeneralLimit() {
        BandTiming timing = DEFAULTS.timing(Limb.RIGHT_ARM, APPLIED);
        assertThat(timing.deadline()).isEqualTo(Instant.parse("2026-03-01T09:50:00Z"));
        assertThat(timing.warnAt()).isEqualTo(Instant.parse("2026-03-01T09:45:00Z"));
    }

    @Test
    void armOverrideAppliesToArmsOnly() {
        BandPolicy policy = new BandPolicy(Duration.ofMinutes(20), Duration.ofMinutes(15), Duration.ofMinutes(5),
                Duration.ofMinutes(3));
        for (Limb arm : new Limb[] {Limb.LEFT_ARM, Limb.RIGHT_ARM}) {
            BandTiming timing = policy.timing(arm, APPLIED);
            assertThat(timing.deadline()).isEqualTo(Instant.parse("2026-03-01T09:45:00Z"));
            assertThat(timing.warnAt()).isEqualTo(Instant.parse("2026-03-01T09:40:00Z"));
            assertThat(timing.limitSeconds()).isEqualTo(900);
        }
        for (Limb thigh : new Limb[] {Limb.LEFT_THIGH, Limb.RIGHT_THIGH}) {
            assertThat(policy.timing(thigh, APPLIED).deadline()).isEqualTo(Instant.parse("2026-03-01T09:50:00Z"));
        }
    }

    @Test
    void aWarningLeadLongerThanTheLimitWarnsAtOnce() {
        BandPolicy policy = new BandPolicy(Duration.ofMinutes(4), Duration.ofMinutes(4), Duration.ofMinutes(5),
                Duration.ofMinutes(3));
        BandTiming timing = policy.timing(Limb.LEFT_THIGH, APPLIED);
        assertThat(timing.warnAt()).isEqualTo(APPLIED);
        assertThat(timing.deadline()).isEqualTo(APPLIED.plus(Duration.ofMinutes(4)));
    }

    @Test
    void aLimbNeverBandedNeedsNoReperfusion() {
        assertThat(DEFAULTS.reperfusionDeviation(Limb.LEFT_ARM, null, APPLIED)).isEmpty();
    }

    @Test
    void reperfusionJustUnderThreeMinutesIsADeviation() {
        Instant released = APPLIED.minus(Duration.ofMinutes(3)).plusMillis(1);
        assertThat(DEFAULTS.reperfusionDeviation(Limb.LEFT_ARM, released, APPLIED)).hasValueSatisfying(d -> {
            assertThat(d.rule()).isEqualTo(DeviationRule.REPERFUSION);
            assertThat(d.limb()).isEqualTo(Limb.LEFT_ARM);
            assertThat(d.actual()).isEqualByComparingTo(new BigDecimal("179.999"));
            assertThat(d.limit()).isEqualByComparingTo(new BigDecimal("180"));
            assertThat(d.unit()).isEqualTo("s");
            assertThat(d.message()).contains("LEFT_ARM").contains("180 s");
        });
    }

    @Test
    void reperfusionOfThreeMinutesOrMoreIsFine() {
        assertThat(DEFAULTS.reperfusionDeviation(Limb.LEFT_ARM, APPLIED.minus(Duration.ofMinutes(3)), APPLIED))
                .isEmpty();
        assertThat(DEFAULTS.reperfusionDeviation(Limb.LEFT_ARM,
                APPLIED.minus(Duration.ofMinutes(3)).minusMillis(1), APPLIED)).isEmpty();
    }

    @Test
    void nonsensePolicyIsRejectedAtStart() {
        assertThatThrownBy(() -> new BandPolicy(Duration.ZERO, Duration.ofMinutes(15), Duration.ofMinutes(5),
                Duration.ofMinutes(3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BandPolicy(Duration.ofMinutes(20), Duration.ofMinutes(15),
                Duration.ofMinutes(-5), Duration.ofMinutes(3))).isInstanceOf(IllegalArgumentException.class);
    }
}
