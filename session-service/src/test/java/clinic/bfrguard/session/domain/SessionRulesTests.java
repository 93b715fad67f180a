package clinic.bfrguard.session.domain;

import clinic.bfrguard.common.domain.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SessionRulesTests {

    private static String conflict(Executable check) {
        return assertThrows(RuleViolation.class, check).getMessage();
    }

    @Test
    void aSecondBandOnABandedLimbIsRefused() {
        assertThat(conflict(() -> SessionRules.requireLimbFree(Limb.LEFT_ARM, List.of(Limb.LEFT_ARM))))
                .contains("LEFT_ARM already wears a band");
        assertDoesNotThrow(() -> SessionRules.requireLimbFree(Limb.RIGHT_ARM, List.of(Limb.LEFT_ARM)));
    }

    @Test
    void aBandOnARestrictedLimbIsRefusedNamingTheCondition() {
        List<LimbRestriction> restrictions = List.of(new LimbRestriction("LIMB_DIALYSIS_ACCESS", Limb.LEFT_ARM),
                new LimbRestriction("LIMB_FRACTURE", Limb.RIGHT_THIGH));
        assertThat(conflict(() -> SessionRules.requireLimbNotRestricted(Limb.LEFT_ARM, restrictions)))
                .contains("LEFT_ARM").contains("dialysis access").contains("LIMB_DIALYSIS_ACCESS");
        assertThat(conflict(() -> SessionRules.requireLimbNotRestricted(Limb.RIGHT_THIGH, restrictions)))
                .contains("fracture");
        assertDoesNotThrow(() -> SessionRules.requireLimbNotRestricted(Limb.RIGHT_ARM, restrictions));
    }

    @Test
    void aRestrictionCodeUnknownHereStillRestricts() {
        assertThat(conflict(() -> SessionRules.requireLimbNotRestricted(Limb.LEFT_THIGH,
                List.of(new LimbRestriction("LIMB_SOMETHING_NEW", Limb.LEFT_THIGH))))).contains("LIMB_SOMETHING_NEW");
    }

    @Test
    void completingWithABandOnIsRefused() {
        assertThat(conflict(() -> SessionRules.requireNoBandOn(List.of(Limb.RIGHT_THIGH)))).contains("RIGHT_THIGH");
        assertDoesNotThrow(() -> SessionRules.requireNoBandOn(List.of()));
    }

    @Test
    void nothingIsRecordedOnACompletedSession() {
        assertThat(conflict(() -> SessionRules.requireActive(SessionStatus.COMPLETED))).contains("COMPLETED");
        assertDoesNotThrow(() -> SessionRules.requireActive(SessionStatus.ACTIVE));
    }

    @Test
    void oneActiveSessionPerPatient() {
        UUID running = UUID.randomUUID();
        assertThat(conflict(() -> SessionRules.requireNoActiveSession(Optional.of(running))))
                .contains(running.toString());
        assertDoesNotThrow(() -> SessionRules.requireNoActiveSession(Optional.empty()));
    }
}
