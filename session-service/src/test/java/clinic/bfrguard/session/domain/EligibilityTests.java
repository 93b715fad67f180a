package clinic.bfrguard.session.domain;

import clinic.bfrguard.common.domain.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EligibilityTests {

    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");

    private static ScreeningSnapshot screening(Outcome outcome, Instant screenedAt, Instant validUntil) {
        int points = switch (outcome) {
            case CLEARED -> 0;
            case REVIEW_REQUIRED -> 3;
            case CONTRAINDICATED -> 5;
        };
        return new ScreeningSnapshot(UUID.randomUUID(), outcome, points, screenedAt, validUntil, List.of(), null,
                null);
    }

    private static ScreeningSnapshot screening(Outcome outcome) {
        return screening(outcome, NOW.minusSeconds(3600), NOW.plusSeconds(3600));
    }

    private static ScreeningSnapshot cleared(ScreeningSnapshot s) {
        return new ScreeningSnapshot(s.screeningId(), s.outcome(), s.totalPoints(), s.screenedAt(), s.validUntil(),
                s.limbRestrictions(), "clinician1", NOW);
    }

    @Test
    void noScreeningIsRefused() {
        assertThat(Eligibility.refusal(null, NOW)).hasValueSatisfying(r -> assertThat(r).contains("not been screened"));
        assertThatThrownBy(() -> SessionRules.requireEligible(null, NOW))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("not been screened");
    }

    @Test
    void clearedAndValidMayTrain() {
        assertThat(Eligibility.refusal(screening(Outcome.CLEARED), NOW)).isEmpty();
    }

    @Test
    void contraindicatedIsRefused() {
        assertThat(Eligibility.refusal(screening(Outcome.CONTRAINDICATED), NOW))
                .hasValueSatisfying(r -> assertThat(r).contains("contraindicated").contains("5 points"));
    }

    @Test
    void reviewRequiredIsRefusedUntilCleared() {
        ScreeningSnapshot review = screening(Outcome.REVIEW_REQUIRED);
        assertThat(Eligibility.refusal(review, NOW))
                .hasValueSatisfying(r -> assertThat(r).contains("awaits a clinician's clearance"));
        assertThat(Eligibility.refusal(cleared(review), NOW)).isEmpty();
    }

    @Test
    void expiredIsRefusedFromValidUntilOn() {
        assertThat(Eligibility.refusal(screening(Outcome.CLEARED, NOW.minusSeconds(60), NOW.plusMillis(1)), NOW))
                .isEmpty();
        assertThat(Eligibility.refusal(screening(Outcome.CLEARED, NOW.minusSeconds(60), NOW), NOW))
                .hasValueSatisfying(r -> assertThat(r).contains("expired"));
    }

    @Test
    void aClearedReviewThatExpiredIsRefused() {
        ScreeningSnapshot review = cleared(screening(Outcome.REVIEW_REQUIRED, NOW.minusSeconds(60), NOW));
        assertThat(Eligibility.refusal(review, NOW)).hasValueSatisfying(r -> assertThat(r).contains("expired"));
    }

    @Test
    void theLatestScreeningByScreenedAtWins() {
        ScreeningSnapshot current = screening(Outcome.CLEARED, NOW, NOW.plusSeconds(60));
        assertThat(Eligibility.supersedes(null, NOW)).isTrue();
        assertThat(Eligibility.supersedes(current, NOW.plusMillis(1))).isTrue();
        assertThat(Eligibility.supersedes(current, NOW.minusMillis(1))).isFalse();
    }

    @Test
    void aClearanceClearsOnlyTheScreeningItNames() {
        ScreeningSnapshot latest = screening(Outcome.REVIEW_REQUIRED);
        assertThat(Eligibility.clearanceApplies(latest, latest.screeningId())).isTrue();
        assertThat(Eligibility.clearanceApplies(latest, UUID.randomUUID())).isFalse();
        assertThat(Eligibility.clearanceApplies(null, latest.screeningId())).isFalse();
        ScreeningSnapshot contraindicated = screening(Outcome.CONTRAINDICATED);
        assertThat(Eligibility.clearanceApplies(contraindicated, contraindicated.screeningId())).isFalse();
    }
}
