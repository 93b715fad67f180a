package clinic.bfrguard.screening.domain;

/** Conditions that do not contraindicate the patient but forbid a band on one limb. */
public enum LimbConditionCode {
    LIMB_DIALYSIS_ACCESS("dialysis access"),
    LIMB_LYMPHOEDEMA("lymphoedema"),
    LIMB_WOUND_OR_INFECTION("wound or infection"),
    LIMB_FRACTURE("fracture"),
    LIMB_MASTECTOMY_SIDE("mastectomy side");

    private final String description;

    LimbConditionCode(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
