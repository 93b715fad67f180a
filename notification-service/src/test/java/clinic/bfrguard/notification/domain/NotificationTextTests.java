package clinic.bfrguard.notification.domain;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationTextTests {

    private static final Instant RAISED = Instant.parse("2026-12-03T07:17:49Z");
    private static final URI CONSOLE = URI.create("https://bfr.clinic.example");
    private static final AlertSummary OVERRUN = new AlertSummary(UUID.fromString(
            "a5916e81-1c2a-4df9-9960-ffd855b0b0be"), "north", "P-74edbf89", "BAND_TIME_OVERRUN", "CRITICAL", "OPEN",
            "LEFT_THIGH", null, RAISED, 0);

    @Test
    void aPageSaysWhatWhereHowUrgentAndHowLongAgoAndLinksToTheBoard() {
        NotificationText.Text text = NotificationText.page(OVERRUN, 0, 0, false, RAISED.plusSeconds(185), CONSOLE,
                false);

        assertThat(text.subject()).isEqualTo("[CRITICAL] Band on too long, LEFT_THIGH at north");
        assertThat(text.body()).contains("CRITICAL alert at site north: band on too long (BAND_TIME_OVERRUN)")
                .contains("Limb: LEFT_THIGH").contains("Raised: 3 min ago (2026-12-03 07:17:49 UTC)")
                .contains("You are on call at north (step 0 of the rota)")
                .contains("https://bfr.clinic.example/board.html#alert=a5916e81-1c2a-4df9-9960-ffd855b0b0be");
    }

    @Test
    void aPageNamesNoPatientUnlessTheClinicChoosesSo() {
        Instant now = RAISED.plusSeconds(10);
        NotificationText.Text plain = NotificationText.page(OVERRUN, 0, 0, false, now, CONSOLE, false);
        NotificationText.Text named = NotificationText.page(OVERRUN, 0, 0, false, now, CONSOLE, true);

        assertThat(plain.subject() + plain.body()).doesNotContain("P-74edbf89");
        assertThat(named.body()).contains("Patient: P-74edbf89");
    }

    @Test
    void anEscalatedPageSaysSoAndASymptomIsNamed() {
        AlertSummary symptom = new AlertSummary(UUID.randomUUID(), "south", "P-1", "ADVERSE_SYMPTOM", "CRITICAL",
                "OPEN", null, "NUMBNESS", RAISED, 2);

        NotificationText.Text text = NotificationText.page(symptom, 2, 2, true, RAISED.plusSeconds(7260), CONSOLE,
                false);

        assertThat(text.subject()).isEqualTo(
                "[CRITICAL] Adverse symptom during a session, NUMBNESS at south (escalated, level 2)");
        assertThat(text.body()).contains("Symptom: NUMBNESS").contains("Raised: 2 h 01 min ago")
                .contains("Escalated: level 2").contains("nobody on the rota has answered");
    }

    @Test
    void howLongAgo() {
        assertThat(NotificationText.ago(RAISED, RAISED.plusSeconds(59))).isEqualTo("just now");
        assertThat(NotificationText.ago(RAISED, RAISED.minusSeconds(5))).isEqualTo("just now");
        assertThat(NotificationText.ago(RAISED, RAISED.plusSeconds(60))).isEqualTo("1 min ago");
        assertThat(NotificationText.ago(RAISED, RAISED.plusSeconds(3600 + 5 * 60))).isEqualTo("1 h 05 min ago");
    }

    @Test
    void theLinkWorksWithOrWithoutATrailingSlash() {
        assertThat(NotificationText.link(URI.create("http://localhost:8080/"), OVERRUN)).hasToString(
                "http://localhost:8080/board.html#alert=a5916e81-1c2a-4df9-9960-ffd855b0b0be");
    }
}
