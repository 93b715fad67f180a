package clinic.bfrguard.screening.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EligibilityTests {

    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");

    private static Screening screening(Outcome outcome, Instant validUntil) {
        Screening s = new Screening();
        s.id = UUID.randomUUID();
        s.patientId = "P-1";
        s.outcome = outcome;
        s.totalPoints = outcome == Outcome.CLEARED ? 0 : outcome == Outcome.REVIEW_REQUIRED ? 3 : 5;
        s.validUntil = validUntil;
        s.limbRestrictions = List.of();
        return s;
    }

    @Test
    void noScreeningIsNotEligible() {
        Eligibility e = Eligibility.of("P-1", null, NOW);
        assertThat(e.eligible()).isFalse();
        assertThat(e.status()).isEqualTo(EligibilityStatus.NO_SCREENING);
    }

    @Test
    void clearedAndValidIsEligible() {
        Eligibility e = Eligibility.of("P-1", screening(Outcome.CLEARED, NOW.plusSeconds(1)), NOW);
        assertThat(e.eligible()).isTrue();
        assertThat(e.status()).isEqualTo(EligibilityStatus.ELIGIBLE);
    }

    @Test
    void contraindicatedIsNotEligible() {
        Eligibility e = Eligibility.of("P-1", screening(Outcome.CONTRAINDICATED, NOW.plusSeconds(60)), NOW);
        assertThat(e.eligible()).isFalse();
        assertThat(e.status()).isEqualTo(EligibilityStatus.CONTRAINDICATED);
    }

    @Test
    void reviewPendingUntilAClinicianClears() {
        Screening review = screening(Outcome.REVIEW_REQUIRED, NOW.plusSeconds(60));
        assertThat(Eligibility.of("P-1", review, NOW).status()).isEqualTo(EligibilityStatus.REVIEW_PENDING);
        review.clearedAt = NOW;
        review.clearedBy = "clinician1";
        Eligibility cleared = Eligibility.of("P-1", review, NOW);
        assertThat(cleared.eligible()).isTrue();
        assertThat(cleared.reason()).contains("clinician1");
    }

    @Test
    void expiresAtValidUntil() {
        Eligibility e = Eligibility.of("P-1", screening(Outcome.CLEARED, NOW), NOW);
        assertThat(e.eligible()).isFalse();
        assertThat(e.status()).isEqualTo(EligibilityStatus.EXPIRED);
    }
}
