package clinic.bfrguard.alert.domain;

import java.util.EnumSet;
import java.util.Set;

/** The severity table of docs/clinical-rules.md. */
public final class Severities {

    /** Symptoms that point to nerve compression, poor perfusion or imminent fainting: act at once. */
    private static final Set<Symptom> CRITICAL_SYMPTOMS =
            EnumSet.of(Symptom.NUMBNESS, Symptom.DIZZINESS, Symptom.SKIN_DISCOLOURATION);

    private Severities() {
    }

    public static Severity of(AlertType type) {
        return type.severity();
    }

    public static Severity ofSymptom(Symptom symptom) {
        return CRITICAL_SYMPTOMS.contains(symptom) ? Severity.CRITICAL : AlertType.ADVERSE_SYMPTOM.severity();
    }
}
