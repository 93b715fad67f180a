package clinic.bfrguard.screening.domain;

import clinic.bfrguard.common.domain.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClearanceRuleTests {

    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");
    private static final ClearanceRule TWO_PAIRS_OF_EYES = new ClearanceRule(false);

    private static Screening recordedBy(String screenedBy, Outcome outcome) {
        Screening s = new Screening();
        s.id = UUID.randomUUID();
        s.outcome = outcome;
        s.screenedBy = screenedBy;
        s.screenedAt = NOW.minus(Duration.ofDays(1));
        s.validUntil = NOW.plus(Duration.ofDays(89));
        return s;
    }

    @Test
    void anotherClinicianClears() {
        assertThatCode(() -> TWO_PAIRS_OF_EYES.check(recordedBy("physio1", Outcome.REVIEW_REQUIRED), "clinician1", NOW))
                .doesNotThrowAnyException();
        assertThatCode(() -> TWO_PAIRS_OF_EYES.check(recordedBy("clinician2", Outcome.REVIEW_REQUIRED), "clinician1",
                NOW)).doesNotThrowAnyException();
    }

    @Test
    void theClinicianWhoRecordedAScreeningDoesNotClearIt() {
        assertThatThrownBy(() -> TWO_PAIRS_OF_EYES.check(recordedBy("clinician1", Outcome.REVIEW_REQUIRED),
                "clinician1", NOW))
                .isInstanceOf(RuleViolation.class)
                .hasMessageContaining("recorded a screening does not clear it; another clinician must");
    }

    @Test
    void aClinicMayAllowSelfClearance() {
        assertThatCode(() -> new ClearanceRule(true).check(recordedBy("clinician1", Outcome.REVIEW_REQUIRED),
                "clinician1", NOW)).doesNotThrowAnyException();
    }

    @Test
    void onlyAReviewCanBeClearedOnceWhileValid() {
        assertThatThrownBy(() -> TWO_PAIRS_OF_EYES.check(recordedBy("physio1", Outcome.CONTRAINDICATED), "clinician1",
                NOW)).isInstanceOf(RuleViolation.class).hasMessageContaining("this one is CONTRAINDICATED");
        assertThatThrownBy(() -> TWO_PAIRS_OF_EYES.check(recordedBy("physio1", Outcome.CLEARED), "clinician1", NOW))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("this one is CLEARED");

        Screening cleared = recordedBy("physio1", Outcome.REVIEW_REQUIRED);
        cleared.clearedBy = "clinician2";
        cleared.clearedAt = NOW.minusSeconds(60);
        assertThatThrownBy(() -> TWO_PAIRS_OF_EYES.check(cleared, "clinician1", NOW))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("already cleared by clinician2");

        Screening expired = recordedBy("physio1", Outcome.REVIEW_REQUIRED);
        expired.validUntil = NOW;
        assertThatThrownBy(() -> TWO_PAIRS_OF_EYES.check(expired, "clinician1", NOW))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("expired");
    }
}
