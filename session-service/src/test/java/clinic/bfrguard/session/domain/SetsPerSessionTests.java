package clinic.bfrguard.session.domain;

import clinic.bfrguard.common.domain.RuleViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SetsPerSessionTests {

    private static final SetsPerSession DEFAULT = new SetsPerSession(200);

    @Test
    void theTwoHundredthSetIsLogged() {
        assertDoesNotThrow(() -> DEFAULT.requireRoomForAnother(0));
        assertDoesNotThrow(() -> DEFAULT.requireRoomForAnother(199));
    }

    @Test
    void theTwoHundredAndFirstSetIsRefusedWithTheReason() {
        RuleViolation refused = assertThrows(RuleViolation.class, () -> DEFAULT.requireRoomForAnother(200));
        assertThat(refused.getMessage()).isEqualTo(
                "The session already holds 200 sets, the most one session may record (200); this set was not logged");
        assertThrows(RuleViolation.class, () -> DEFAULT.requireRoomForAnother(250));
    }

    @Test
    void theCapComesFromPolicyAndMustAllowASet() {
        assertThrows(RuleViolation.class, () -> new SetsPerSession(3).requireRoomForAnother(3));
        assertDoesNotThrow(() -> new SetsPerSession(3).requireRoomForAnother(2));
        assertThatThrownBy(() -> new SetsPerSession(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clinic.session.max-sets");
    }
}
