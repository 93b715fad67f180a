package clinic.bfrguard.alert.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertMessagesTests {

    private static final Instant APPLIED = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void overrunSaysReleaseNowWithTimeOnAndLimit() {
        assertThat(AlertMessages.bandTimeOverrun("P-123", "LEFT_THIGH", APPLIED, APPLIED.plusSeconds(1203), 1200))
                .isEqualTo("Patient P-123: release the band on the left upper thigh now: on for 20 min 03 s,"
                        + " limit 20 min");
    }

    @Test
    void releasedOverrunSaysCheckTheLimb() {
        assertThat(AlertMessages.bandTimeOverrunReleased("P-1", "LEFT_ARM", 1390, 900, APPLIED.plusSeconds(1390)))
                .isEqualTo("Patient P-1: the band on the left upper arm was on for 23 min 10 s, limit 15 min,"
                        + " released at 10:23:10 UTC. Check the limb (colour, sensation, pain, swelling) and record"
                        + " the review.");
    }

    @Test
    void limbsAreNamedAsTheClinicSaysThem() {
        assertThat(List.of("LEFT_ARM", "RIGHT_ARM", "LEFT_THIGH", "RIGHT_THIGH")).extracting(AlertMessages::limbName)
                .containsExactly("left upper arm", "right upper arm", "left upper thigh", "right upper thigh");
        assertThat(AlertMessages.limbName("LEFT_CALF")).as("a limb added later still reads as words")
                .isEqualTo("left calf");
    }

    @Test
    void warningSaysByWhenAndHowLongLeft() {
        assertThat(AlertMessages.bandTimeWarning("P-1", "RIGHT_ARM", APPLIED, APPLIED.plusSeconds(900),
                APPLIED.plusSeconds(610)))
                .isEqualTo("Patient P-1: the band on the right upper arm must come off by 10:15:00 UTC (in 4 min 50 s),"
                        + " on for 10 min 10 s. Finish the set and release it in time.");
    }

    @Test
    void screeningMessagesListReasonsWithPoints() {
        var reasons = List.of(new AlertMessages.ScreeningReason("PREGNANCY", 4),
                new AlertMessages.ScreeningReason("DIABETES", 1));
        assertThat(AlertMessages.contraindicationFlagged("P-9", 5, reasons))
                .isEqualTo("Patient P-9: no BFR training, screening scored 5 points (contraindicated from 5):"
                        + " pregnancy (4), diabetes (1). Review the screening and plan exercise without blood flow"
                        + " restriction.");
        assertThat(AlertMessages.clearanceRequired("P-9", 1, List.of(new AlertMessages.ScreeningReason("AGE_OVER_60", 1))))
                .isEqualTo("Patient P-9: screening scored 1 point: age over 60 (1). Review it and grant clearance,"
                        + " or refer the patient, before any BFR session.");
    }

    @Test
    void everySymptomMessageSaysWhatToDo() {
        for (Symptom symptom : Symptom.values()) {
            assertThat(AlertMessages.adverseSymptom("P-2", symptom))
                    .startsWith("Patient P-2: ")
                    .contains(" reported during a BFR session. ")
                    .matches(".*(Release|Stop|Assess).*");
        }
        assertThat(AlertMessages.adverseSymptom("P-2", Symptom.DIZZINESS)).isEqualTo("Patient P-2: Dizziness reported"
                + " during a BFR session. Release all bands now, lie the patient down and check blood pressure.");
    }

    @Test
    void deviationMessagesNameValuesLimitAndAction() {
        assertThat(AlertMessages.guidelineDeviation("P-3", DeviationRule.PERCEIVED_PRESSURE, "LEFT_ARM", null,
                new BigDecimal("9"), new BigDecimal("7"), "/10"))
                .isEqualTo("Patient P-3: band pressure 9/10 on the left upper arm is above the guideline of 7/10."
                        + " Loosen the band to 7/10 or less.");
        assertThat(AlertMessages.guidelineDeviation("P-3", DeviationRule.SETS_PER_EXERCISE, "LEFT_THIGH", "SQUAT",
                new BigDecimal("5"), new BigDecimal("4"), "sets"))
                .isEqualTo("Patient P-3: 5 sets on squat (left upper thigh), above the guideline of 4. Stop this"
                        + " exercise under BFR for this session.");
        assertThat(AlertMessages.guidelineDeviation("P-3", DeviationRule.REPERFUSION, "RIGHT_ARM", null,
                new BigDecimal("95"), new BigDecimal("180"), "s"))
                .isEqualTo("Patient P-3: band re-applied on the right upper arm after 1 min 35 s off, guideline"
                        + " at least 3 min. Release it and let the limb recover before banding again.");
        assertThat(AlertMessages.guidelineDeviation("P-3", DeviationRule.LOAD, null, "HAMSTRING_CURL",
                new BigDecimal("42.50"), new BigDecimal("40.0"), "%1RM"))
                .isEqualTo("Patient P-3: load 42.5 %1RM on hamstring curl is above the guideline of 40 %1RM."
                        + " Reduce the load to 40 %1RM or less.");
    }

    @Test
    void durationsAreExactToTheSecond() {
        assertThat(AlertMessages.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(AlertMessages.duration(Duration.ofSeconds(1200))).isEqualTo("20 min");
        assertThat(AlertMessages.duration(Duration.ofSeconds(1203))).isEqualTo("20 min 03 s");
        assertThat(AlertMessages.duration(Duration.ofSeconds(-5))).isEqualTo("0 s");
    }
}
