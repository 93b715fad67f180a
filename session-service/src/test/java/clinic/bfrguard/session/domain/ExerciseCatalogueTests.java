package clinic.bfrguard.session.domain;

import clinic.bfrguard.common.domain.InvalidInput;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExerciseCatalogueTests {

    private static final ExerciseCatalogue CATALOGUE = new ExerciseCatalogue(
            List.of("LEG_PRESS", "KNEE_EXTENSION", "STEP_UP", "ROW"));

    @Test
    void theCatalogueKeepsItsOrderAndLabelsEachCodeInWords() {
        assertThat(CATALOGUE.exercises()).containsExactly(new Exercise("LEG_PRESS", "Leg press"),
                new Exercise("KNEE_EXTENSION", "Knee extension"), new Exercise("STEP_UP", "Step up"),
                new Exercise("ROW", "Row"));
    }

    @Test
    void aSetNamesACatalogueCode() {
        assertThat(CATALOGUE.require("STEP_UP")).isEqualTo(new Exercise("STEP_UP", "Step up"));
    }

    @Test
    void anythingButACatalogueCodeIsRefusedNamingTheFieldAndTheCodes() {
        for (String exercise : Arrays.asList("CALF_RAISE", "leg press", "leg_press", "Leg press", " LEG_PRESS", "",
                null)) {
            InvalidInput refused = assertThrows(InvalidInput.class, () -> CATALOGUE.require(exercise),
                    String.valueOf(exercise));
            assertThat(refused.field()).hasValue("exercise");
            assertThat(refused.fieldMessage()).isEqualTo("must be one of the clinic's exercises (GET /api/exercises):"
                    + " LEG_PRESS, KNEE_EXTENSION, STEP_UP, ROW");
        }
    }

    @Test
    void aCatalogueWithABadCodeIsRefusedSayingWhich() {
        assertThatThrownBy(() -> new ExerciseCatalogue(List.of("LEG_PRESS", "leg press", "SQUAT_", "_ROW", "2_ROW")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("clinic.exercises: ")
                .hasMessageContaining("'leg press' is not an exercise code")
                .hasMessageContaining("'SQUAT_' is not")
                .hasMessageContaining("'_ROW' is not")
                .hasMessageContaining("'2_ROW' is not")
                .hasMessageNotContaining("'LEG_PRESS'");
        assertThatThrownBy(() -> new ExerciseCatalogue(List.of("A".repeat(101))))
                .hasMessageContaining("at most 100 characters");
    }

    @Test
    void anEmptyCatalogueOrACodeListedTwiceIsRefused() {
        assertThatThrownBy(() -> new ExerciseCatalogue(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clinic.exercises is empty");
        assertThatThrownBy(() -> new ExerciseCatalogue(List.of("ROW", "SQUAT", "ROW")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("clinic.exercises: ROW is listed twice");
    }

    @Test
    void codesWithDigitsAreCodesToo() {
        assertThat(new ExerciseCatalogue(List.of("STEP_UP_30CM")).require("STEP_UP_30CM").label())
                .isEqualTo("Step up 30cm");
    }
}
