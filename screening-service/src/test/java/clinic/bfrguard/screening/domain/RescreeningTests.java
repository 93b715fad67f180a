package clinic.bfrguard.screening.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RescreeningTests {

    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");
    private static final Instant LAST_WEEK = NOW.minus(Duration.ofDays(7));

    private static Screening earlier(Outcome outcome, Instant screenedAt) {
        Screening s = new Screening();
        s.id = UUID.randomUUID();
        s.patientId = "P-1";
        s.site = "north";
        s.outcome = outcome;
        s.totalPoints = outcome == Outcome.CLEARED ? 0 : outcome == Outcome.REVIEW_REQUIRED ? 3 : 5;
        s.screenedBy = "physio1";
        s.screenedAt = screenedAt;
        s.validUntil = screenedAt.plus(Duration.ofDays(90));
        s.limbRestrictions = List.of();
        return s;
    }

    private static ScreeningAssessment fresh(Outcome outcome, int points) {
        List<Reason> reasons = points == 0 ? List.of() : List.of(new Reason("DIABETES", points, "Diabetes"));
        return new ScreeningAssessment(outcome, points, reasons, List.of(), NOW.plus(Duration.ofDays(90)));
    }

    private static ScreeningAssessment rescreen(ScreeningAssessment fresh, Screening... earlier) {
        return Rescreening.apply(fresh, List.of(earlier), NOW, "north");
    }

    @Test
    void aStandingContraindicationAtAnotherSiteTellsOnlyItsOutcomeAndDate() {
        ScreeningAssessment result = Rescreening.apply(fresh(Outcome.CLEARED, 0),
                List.of(earlier(Outcome.CONTRAINDICATED, LAST_WEEK)), NOW, "south");

        assertThat(result.outcome()).isEqualTo(Outcome.REVIEW_REQUIRED);
        assertThat(result.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(Rescreening.PREVIOUS_SCREENING);
            assertThat(reason.message()).contains("another site", "CONTRAINDICATED", LAST_WEEK.toString())
                    .doesNotContain("physio1", "north");
        });
    }

    @Test
    void aStandingContraindicationTurnsAClearScreeningIntoAReview() {
        ScreeningAssessment result = rescreen(fresh(Outcome.CLEARED, 0), earlier(Outcome.CONTRAINDICATED, LAST_WEEK));

        assertThat(result.outcome()).isEqualTo(Outcome.REVIEW_REQUIRED);
        assertThat(result.totalPoints()).as("the points stay the new checklist's").isZero();
        assertThat(result.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(Rescreening.PREVIOUS_SCREENING);
            assertThat(reason.points()).isZero();
            assertThat(reason.message()).contains("CONTRAINDICATED", LAST_WEEK.toString(), "physio1");
        });
    }

    @Test
    void aStandingContraindicationTurnsAMilderReviewIntoAReviewThatNamesIt() {
        ScreeningAssessment result = rescreen(fresh(Outcome.REVIEW_REQUIRED, 1),
                earlier(Outcome.CONTRAINDICATED, LAST_WEEK));

        assertThat(result.outcome()).isEqualTo(Outcome.REVIEW_REQUIRED);
        assertThat(result.totalPoints()).isEqualTo(1);
        assertThat(result.reasons()).extracting(Reason::code)
                .containsExactly("DIABETES", Rescreening.PREVIOUS_SCREENING);
    }

    @Test
    void aReviewNobodyClearedStillStands() {
        ScreeningAssessment result = rescreen(fresh(Outcome.CLEARED, 0), earlier(Outcome.REVIEW_REQUIRED, LAST_WEEK));

        assertThat(result.outcome()).isEqualTo(Outcome.REVIEW_REQUIRED);
        assertThat(result.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEqualTo(Rescreening.PREVIOUS_SCREENING);
            assertThat(reason.message()).contains("REVIEW_REQUIRED, not cleared", LAST_WEEK.toString(), "physio1");
        });
    }

    @Test
    void aClearedReviewChangesNothing() {
        Screening cleared = earlier(Outcome.REVIEW_REQUIRED, LAST_WEEK);
        cleared.clearedBy = "clinician1";
        cleared.clearedAt = LAST_WEEK.plus(Duration.ofHours(1));
        ScreeningAssessment fresh = fresh(Outcome.CLEARED, 0);

        assertThat(rescreen(fresh, cleared)).isEqualTo(fresh);
    }

    @Test
    void aClearanceGivenOnlyAfterTheNewScreeningDoesNotCount() {
        Screening clearedLater = earlier(Outcome.REVIEW_REQUIRED, LAST_WEEK);
        clearedLater.clearedBy = "clinician1";
        clearedLater.clearedAt = NOW.plusSeconds(1);

        assertThat(rescreen(fresh(Outcome.CLEARED, 0), clearedLater).outcome()).isEqualTo(Outcome.REVIEW_REQUIRED);
    }

    @Test
    void anExpiredScreeningChangesNothing() {
        Screening expired = earlier(Outcome.CONTRAINDICATED, NOW.minus(Duration.ofDays(90)));
        ScreeningAssessment fresh = fresh(Outcome.CLEARED, 0);

        assertThat(expired.validUntil).isEqualTo(NOW);
        assertThat(rescreen(fresh, expired)).isEqualTo(fresh);
    }

    @Test
    void aStricterOrEquallyStrictScreeningDecidesAsUsual() {
        ScreeningAssessment contraindicated = fresh(Outcome.CONTRAINDICATED, 5);
        assertThat(rescreen(contraindicated, earlier(Outcome.REVIEW_REQUIRED, LAST_WEEK))).isEqualTo(contraindicated);
        assertThat(rescreen(contraindicated, earlier(Outcome.CONTRAINDICATED, LAST_WEEK))).isEqualTo(contraindicated);
        ScreeningAssessment review = fresh(Outcome.REVIEW_REQUIRED, 2);
        assertThat(rescreen(review, earlier(Outcome.REVIEW_REQUIRED, LAST_WEEK))).isEqualTo(review);
    }

    @Test
    void aScreeningRecordedAtTheSameInstantStands() {
        ScreeningAssessment result = rescreen(fresh(Outcome.CLEARED, 0), earlier(Outcome.CONTRAINDICATED, NOW));

        assertThat(result.outcome()).isEqualTo(Outcome.REVIEW_REQUIRED);
        assertThat(result.reasons()).extracting(Reason::code).containsExactly(Rescreening.PREVIOUS_SCREENING);
    }

    @Test
    void ofScreeningsSharingTheLatestInstantTheStrictestStands() {
        Screening cleared = earlier(Outcome.CLEARED, NOW);
        Screening contraindicated = earlier(Outcome.CONTRAINDICATED, NOW);

        assertThat(Rescreening.standing(List.of(cleared, contraindicated), NOW)).contains(contraindicated);
        assertThat(Rescreening.standing(List.of(contraindicated, cleared), NOW)).contains(contraindicated);
    }

    @Test
    void onlyTheLatestScreeningStands() {
        Screening contraindicated = earlier(Outcome.CONTRAINDICATED, LAST_WEEK.minus(Duration.ofDays(1)));
        Screening clearedSince = earlier(Outcome.CLEARED, LAST_WEEK);
        ScreeningAssessment fresh = fresh(Outcome.CLEARED, 0);

        assertThat(rescreen(fresh, contraindicated, clearedSince)).isEqualTo(fresh);
    }

    @Test
    void aScreeningRecordedAfterTheNewOneDoesNotStand() {
        assertThat(Rescreening.standing(List.of(earlier(Outcome.CONTRAINDICATED, NOW.plusMillis(1))), NOW)).isEmpty();
    }

    @Test
    void withoutAStandingScreeningTheNewOneDecidesAlone() {
        ScreeningAssessment fresh = fresh(Outcome.CLEARED, 0);

        assertThat(rescreen(fresh)).isEqualTo(fresh);
        assertThat(Rescreening.standing(List.of(), NOW)).isEmpty();
    }
}
