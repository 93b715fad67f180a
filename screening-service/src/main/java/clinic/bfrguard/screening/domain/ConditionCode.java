package clinic.bfrguard.screening.domain;

/**
 * The screening checklist (after Kacin's points screen). Each code carries its default points; the clinic may
 * change them through {@code clinic.screening.points.<CODE>}.
 */
public enum ConditionCode {
    HISTORY_OF_THROMBOSIS(5, "History of thrombosis (DVT, pulmonary embolism or other venous thromboembolism)"),
    CIRCULATORY_DISORDER(5, "Circulatory disorder (peripheral artery or vascular disease)"),
    UNCONTROLLED_HYPERTENSION(5, "Uncontrolled hypertension"),
    CLOTTING_DISORDER(5, "Clotting disorder (thrombophilia or known clotting risk)"),
    SICKLE_CELL_DISEASE(5, "Sickle cell disease"),
    ACUTE_ILLNESS_OR_FEVER(5, "Acute illness or fever"),
    CARDIAC_ARRHYTHMIA_OR_ISCHAEMIA(5, "High-grade cardiac arrhythmia or coronary ischaemia"),
    EARLY_POSTOPERATIVE_PERIOD(5, "Early postoperative period, before the surgeon's release"),
    PREGNANCY(4, "Pregnancy"),
    VARICOSE_VEINS(4, "Varicose veins"),
    ELEVATED_BLOOD_PRESSURE(3, "Elevated blood pressure"),
    HEART_FAILURE_OR_ATRIAL_FIBRILLATION(3, "Heart failure or atrial fibrillation"),
    LIMB_REVASCULARISATION_OR_GRAFT(3, "Limb revascularisation or vascular graft"),
    MALIGNANCY(2, "Malignancy"),
    KIDNEY_DISEASE(2, "Kidney disease"),
    AGE_OVER_60(1, "Age over 60"),
    BMI_OVER_30(1, "BMI over 30"),
    ESTROGEN_THERAPY(1, "Estrogen therapy (including oral contraceptives)"),
    RECENT_IMMOBILISATION(1, "Recent immobilisation (a day or more)"),
    DIABETES(1, "Diabetes");

    private final int defaultPoints;
    private final String description;

    ConditionCode(int defaultPoints, String description) {
        this.defaultPoints = defaultPoints;
        this.description = description;
    }

    public int defaultPoints() {
        return defaultPoints;
    }

    public String description() {
        return description;
    }
}
