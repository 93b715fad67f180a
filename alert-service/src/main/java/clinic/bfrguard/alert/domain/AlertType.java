package clinic.bfrguard.alert.domain;

/** The alerts of docs/clinical-rules.md, with the severity each is raised at. */
public enum AlertType {
    CONTRAINDICATION_FLAGGED(Severity.HIGH, false),
    CLEARANCE_REQUIRED(Severity.INFO, false),
    BAND_TIME_WARNING(Severity.WARNING, false),
    BAND_TIME_OVERRUN(Severity.CRITICAL, false),
    ADVERSE_SYMPTOM(Severity.HIGH, true),
    GUIDELINE_DEVIATION(Severity.WARNING, true);

    private final Severity severity;
    private final boolean recursAfterResolution;

    AlertType(Severity severity, boolean recursAfterResolution) {
        this.severity = severity;
        this.recursAfterResolution = recursAfterResolution;
    }

    /** The severity of this type; {@link Severities} refines it where the clinical rules do. */
    public Severity severity() {
        return severity;
    }

    /**
     * Whether the cause can happen again after a clinician resolved its alert, and then deserves a new alert.
     * A screening or a band is one cause for ever; numbness reported again in the same session is news.
     */
    public boolean recursAfterResolution() {
        return recursAfterResolution;
    }
}
