package clinic.bfrguard.screening.domain;

import clinic.bfrguard.common.domain.InvalidInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BloodPressureTests {

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"80, 120", "90, 90"})
    void theSystolicMustBeAboveTheDiastolic(int systolic, int diastolic) {
        assertThatThrownBy(() -> new BloodPressure(systolic, diastolic))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("systolic (" + systolic + ") must be higher than diastolic (" + diastolic + ")");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"91, 90", "120, 80"})
    void aSystolicAboveTheDiastolicIsAPressure(int systolic, int diastolic) {
        assertThat(new BloodPressure(systolic, diastolic)).hasToString(systolic + "/" + diastolic + " mmHg");
    }
}
