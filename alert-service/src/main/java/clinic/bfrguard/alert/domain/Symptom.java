package clinic.bfrguard.alert.domain;

/** Symptoms a physiotherapist can report during a session (DOMAIN.md's stop symptoms, plus OTHER). */
public enum Symptom {
    PAIN, NUMBNESS, TINGLING, DIZZINESS, SKIN_DISCOLOURATION, OTHER
}
