package clinic.bfrguard.session.domain;

/** The guidance a {@link Deviation} departs from, with the unit its figures are in. */
public enum DeviationRule {
    LOAD("%1RM"), PERCEIVED_PRESSURE("/10"), SETS_PER_EXERCISE("sets"), REPERFUSION("s");

    private final String unit;

    DeviationRule(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }
}
