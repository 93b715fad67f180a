package clinic.bfrguard.alert.domain;

/** Symptoms a physiotherapist can report during a session (the stop symptoms of docs/clinical-rules.md, plus OTHER). */
public enum Symptom {
    PAIN, NUMBNESS, TINGLING, DIZZINESS, SKIN_DISCOLOURATION, OTHER
}
