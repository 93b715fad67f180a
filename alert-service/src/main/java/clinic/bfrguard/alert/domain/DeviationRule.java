package clinic.bfrguard.alert.domain;

/** The session guidelines a deviation can break. */
public enum DeviationRule {
    LOAD, PERCEIVED_PRESSURE, SETS_PER_EXERCISE, REPERFUSION
}
